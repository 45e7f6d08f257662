import { useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import {
  ErrorMessage,
  Field,
  Notice,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { DevMailboxHint } from "@/components/DevMailboxHint";

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
    <SettingsCard
      title="Email"
      description="We send a link to the new address; the change happens when it is opened."
    >
      <form onSubmit={change.onSubmit} className={inlineForm}>
        <Field
          label="New email"
          className="grid flex-1 gap-2"
          type="email"
          autoComplete="email"
          value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)}
        />
        <Button type="submit" disabled={change.pending}>
          Change email
        </Button>
      </form>
      <ErrorMessage message={change.error} />
      {sentTo && (
        <>
          <Notice>
            Open the link we sent to {sentTo} to confirm the change.
          </Notice>
          <DevMailboxHint />
        </>
      )}
    </SettingsCard>
  );
}
