import { useState } from "react";
import { passwordProblem } from "../../convex/validation";
import { ErrorMessage, Field, useFormAction } from "../components/Form";
import { describeAuthError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";
import { Link } from "../lib/router";

export default function SignUp() {
  const authClient = useAuthClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const signUp = useFormAction(async () => {
    const problem = passwordProblem(password);
    if (problem) return problem;
    const { error } = await authClient.signUp.email({
      name: name.trim(),
      email: email.trim(),
      password,
      callbackURL: `${window.location.origin}/verify-email`,
    });
    // On success the user is signed in; the route guard shows the dashboard.
    if (error) return describeAuthError(error);
  });

  return (
    <section className="card narrow">
      <h1>Create your account</h1>
      <form onSubmit={signUp.onSubmit}>
        <Field
          label="Name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage message={signUp.error} />
        <button type="submit" disabled={signUp.pending}>
          Sign up
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link to="/">Sign in</Link>
      </p>
    </section>
  );
}
