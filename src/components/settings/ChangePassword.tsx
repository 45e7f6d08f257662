import { useState } from "react";
import { passwordProblem } from "../../../convex/validation";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import { ErrorMessage, Field, Notice, useFormAction } from "../Form";

export function ChangePassword() {
  const authClient = useAuthClient();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [saved, setSaved] = useState(false);
  const change = useFormAction(async () => {
    setSaved(false);
    const problem = passwordProblem(newPassword);
    if (problem) return problem;
    const { error } = await authClient.changePassword({
      currentPassword,
      newPassword,
      revokeOtherSessions: signOutOthers,
    });
    if (error) return describeAuthError(error);
    setCurrentPassword("");
    setNewPassword("");
    setSaved(true);
  });
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form onSubmit={change.onSubmit}>
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={signOutOthers}
            onChange={(e) => setSignOutOthers(e.target.checked)}
          />
          Sign out of all other sessions
        </label>
        <ErrorMessage message={change.error} />
        <button type="submit" disabled={change.pending}>
          Change password
        </button>
      </form>
      {saved && <Notice>Password changed.</Notice>}
    </section>
  );
}
