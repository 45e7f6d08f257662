import { useState } from "react";
import { ErrorMessage, Field, Notice, useFormAction } from "../components/Form";
import { describeAuthError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";
import { Link } from "../lib/router";

export default function ForgotPassword() {
  const authClient = useAuthClient();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);

  const request = useFormAction(async () => {
    const { error } = await authClient.requestPasswordReset({
      email: email.trim(),
      redirectTo: `${window.location.origin}/reset-password`,
    });
    if (error) return describeAuthError(error);
    setSent(true);
  });

  return (
    <section className="card narrow">
      <h1>Forgot your password?</h1>
      {sent ? (
        // The same answer whether or not the email has an account.
        <Notice>
          If an account exists for {email.trim()}, we sent it a link to choose a
          new password.
        </Notice>
      ) : (
        <form onSubmit={request.onSubmit}>
          <Field
            label="Email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <ErrorMessage message={request.error} />
          <button type="submit" disabled={request.pending}>
            Send reset link
          </button>
        </form>
      )}
      <p className="muted">
        <Link to="/">Back to sign in</Link>
      </p>
    </section>
  );
}
