import { useState } from "react";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import { navigate } from "../../lib/router";
import { ErrorMessage, Field, useFormAction } from "../Form";

/**
 * Deletes the Better Auth user; the onDelete trigger removes the app row and
 * all the user's data in the same transaction.
 */
export function DeleteAccount() {
  const authClient = useAuthClient();
  const [password, setPassword] = useState("");
  const remove = useFormAction(async () => {
    if (!window.confirm("Delete your account and all its data for good?"))
      return;
    // Accounts without a password (magic link, social) need a recent sign-in.
    const { error } = await authClient.deleteUser(password ? { password } : {});
    if (error) return describeAuthError(error);
    await authClient.signOut().catch(() => undefined);
    navigate("/", { replace: true });
  });
  return (
    <section className="card danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>This removes your account, your sessions and all your notes.</p>
      <form onSubmit={remove.onSubmit} className="inline">
        <Field
          label="Password to confirm"
          type="password"
          autoComplete="current-password"
          required={false}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="danger" disabled={remove.pending}>
          Delete my account
        </button>
      </form>
      <ErrorMessage message={remove.error} />
    </section>
  );
}
