import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import { ErrorMessage, Field, Notice, useFormAction } from "../components/Form";
import { PasskeySignIn } from "../components/PasskeySignIn";
import { describeAuthError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";
import { Link } from "../lib/router";

export default function SignIn() {
  const authClient = useAuthClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [linkSent, setLinkSent] = useState(false);
  const providers = useQuery(api.account.socialProviders) ?? [];

  const signIn = useFormAction(async () => {
    const { error } = await authClient.signIn.email({
      email: email.trim(),
      password,
    });
    // On success Convex picks up the session and the dashboard replaces this page.
    if (error) return describeAuthError(error);
  });

  const sendLink = async () => {
    signIn.setError(null);
    if (!email.trim()) return signIn.setError("Enter your email first.");
    const { error } = await authClient.signIn.magicLink({
      email: email.trim(),
      callbackURL: `${window.location.origin}/`,
    });
    if (error) signIn.setError(describeAuthError(error));
    else setLinkSent(true);
  };

  return (
    <section className="card narrow">
      <h1>Sign in</h1>
      <form onSubmit={signIn.onSubmit}>
        <Field
          label="Email"
          type="email"
          // "webauthn" offers saved passkeys in the field's autofill.
          autoComplete="username webauthn"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage message={signIn.error} />
        <button type="submit" disabled={signIn.pending}>
          Sign in
        </button>
      </form>
      <PasskeySignIn onError={signIn.setError} />
      <button type="button" className="secondary" onClick={sendLink}>
        Email me a sign-in link
      </button>
      {linkSent && (
        <Notice>Check your inbox: we sent a sign-in link to {email}.</Notice>
      )}
      {providers.map((provider) => (
        <button
          key={provider}
          type="button"
          className="secondary"
          onClick={() =>
            authClient.signIn.social({
              provider,
              callbackURL: `${window.location.origin}/`,
            })
          }
        >
          Continue with {provider === "github" ? "GitHub" : "Google"}
        </button>
      ))}
      <p className="muted">
        <Link to="/forgot-password">Forgot your password?</Link> ·{" "}
        <Link to="/sign-up">Create an account</Link>
      </p>
    </section>
  );
}
