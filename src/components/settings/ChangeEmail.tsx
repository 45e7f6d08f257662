import { useState } from "react";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import { ErrorMessage, Field, Notice, useFormAction } from "../Form";

export function ChangeEmail() {
  const authClient = useAuthClient();
  const [newEmail, setNewEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const change = useFormAction(async () => {
    const { error } = await authClient.changeEmail({
      newEmail: newEmail.trim(),
      callbackURL: `${window.location.origin}/settings`,
    });
    if (error) return describeAuthError(error);
    setSentTo(newEmail.trim());
    setNewEmail("");
  });
  return (
    <section className="card" aria-labelledby="email-heading">
      <h2 id="email-heading">Email</h2>
      <form onSubmit={change.onSubmit} className="inline">
        <Field
          label="New email"
          type="email"
          autoComplete="email"
          value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)}
        />
        <button type="submit" disabled={change.pending}>
          Change email
        </button>
      </form>
      <ErrorMessage message={change.error} />
      {sentTo && (
        <Notice>
          Open the link we sent to {sentTo} to confirm the change.
        </Notice>
      )}
    </section>
  );
}
