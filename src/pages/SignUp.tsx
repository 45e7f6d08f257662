import { useState } from "react";
import { passwordProblem } from "../../convex/validation";
import { ErrorMessage, Field, useFormAction } from "../components/Form";
import { describeAuthError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";
import { Link, navigate, useSearchParam } from "../lib/router";

/**
 * Sign-up never signs in: the emailed link does. The answer is the same
 * whether or not the email already has an account (its owner gets an email
 * saying so), so this page can't be used to find out who is registered.
 */

export default function SignUp() {
  const authClient = useAuthClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // In the URL, not state: the auth refresh after sign-up remounts the page.
  const sentTo = useSearchParam("sent");

  const signUp = useFormAction(async () => {
    const problem = passwordProblem(password);
    if (problem) return problem;
    const { error } = await authClient.signUp.email({
      name: name.trim(),
      email: email.trim(),
      password,
    });
    if (error) return describeAuthError(error);
    navigate(`/sign-up?sent=${encodeURIComponent(email.trim())}`, {
      replace: true,
    });
  });

  if (sentTo) {
    return (
      <section className="card narrow">
        <h1>Check your inbox</h1>
        <p role="status" data-testid="sign-up-sent">
          We sent an email to <strong>{sentTo}</strong>. Open the link in it to
          finish signing up; it signs you in. The link expires in one hour.
        </p>
        <p className="muted">
          Nothing there after a few minutes? Check your spam folder, or{" "}
          <Link to="/">sign in</Link> to get a new link.
        </p>
      </section>
    );
  }

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
