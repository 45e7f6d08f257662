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
import { m } from "@/paraglide/messages";

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
      title={m.settings_email_title()}
      description={m.settings_email_description()}
    >
      <form onSubmit={change.onSubmit} className={inlineForm}>
        <Field
          label={m.settings_email_new_label()}
          className="grid flex-1 gap-2"
          type="email"
          autoComplete="email"
          value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)}
        />
        <Button type="submit" disabled={change.pending}>
          {m.settings_email_submit()}
        </Button>
      </form>
      <ErrorMessage message={change.error} />
      {sentTo && (
        <>
          <Notice>{m.settings_email_sent({ email: sentTo })}</Notice>
          <DevMailboxHint />
        </>
      )}
    </SettingsCard>
  );
}
