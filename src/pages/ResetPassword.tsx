import { useState } from "react";
import { passwordProblem } from "../../convex/validation";
import { ErrorMessage, Field, Notice, useFormAction } from "../components/Form";
import { describeAuthError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";
import { Link, useSearchParam } from "../lib/router";

/** Where the emailed reset link lands: ?token=… (or ?error=INVALID_TOKEN). */
export default function ResetPassword() {
  const authClient = useAuthClient();
  const token = useSearchParam("token");
  const linkError = useSearchParam("error");
  const [newPassword, setNewPassword] = useState("");
  const [done, setDone] = useState(false);

  const reset = useFormAction(async () => {
    const problem = passwordProblem(newPassword);
    if (problem) return problem;
    const { error } = await authClient.resetPassword({
      newPassword,
      token: token ?? "",
    });
    if (error) return describeAuthError(error);
    setDone(true);
  });

  if (linkError || !token) {
    return (
      <section className="card narrow">
        <h1>Choose a new password</h1>
        <p role="alert" className="error">
          This link is invalid or has expired.
        </p>
        <Link to="/forgot-password">Ask for a new link</Link>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <h1>Choose a new password</h1>
      {done ? (
        <Notice>
          Your password has been changed. <Link to="/">Sign in</Link>
        </Notice>
      ) : (
        <form onSubmit={reset.onSubmit}>
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
          <ErrorMessage message={reset.error} />
          <button type="submit" disabled={reset.pending}>
            Set new password
          </button>
        </form>
      )}
    </section>
  );
}
