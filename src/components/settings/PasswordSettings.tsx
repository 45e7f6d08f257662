import { useState } from "react";
import { MIN_PASSWORD_LENGTH } from "../../../convex/validation";
import { passwordProblem } from "@/lib/validation";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { providerLabel } from "@/lib/socialSignIn";
import { notify } from "@/lib/toast";
import { ErrorMessage, Field, Notice, useFormAction } from "@/components/Form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import {
  useAccountMethods,
  type AccountMethods,
} from "@/components/settings/accountMethods";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { m } from "@/paraglide/messages";

/**
 * The password: changed with the current one, or, for an account without
 * one (providers, passkeys, emailed links only), set by an emailed link.
 */
export function PasswordSettings() {
  const { hasPassword } = useAccountMethods();
  if (hasPassword === null)
    return (
      <SettingsCard title={m.settings_password_title()}>
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      </SettingsCard>
    );
  return hasPassword ? <ChangePassword /> : <SetPassword />;
}

function ChangePassword() {
  const authClient = useAuthClient();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [signOutOthers, setSignOutOthers] = useState(true);
  const change = useFormAction(async () => {
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
    notify(m.settings_password_changed());
  });
  return (
    <SettingsCard
      title={m.settings_password_title()}
      description={m.settings_password_min({ min: MIN_PASSWORD_LENGTH })}
    >
      <form onSubmit={change.onSubmit} className="flex flex-col gap-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label={m.settings_password_current()}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
          <Field
            label={m.settings_password_new()}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <Label className="font-normal">
            <Checkbox
              checked={signOutOthers}
              onChange={(e) => setSignOutOthers(e.target.checked)}
            />
            {m.settings_password_sign_out_others()}
          </Label>
          <Button type="submit" disabled={change.pending}>
            {m.settings_password_change()}
          </Button>
        </div>
      </form>
      <ErrorMessage message={change.error} />
    </SettingsCard>
  );
}

/** "a passkey, Dev provider or an emailed link": how this account signs in. */
export function waysWithoutPassword(methods: AccountMethods): string {
  const ways = [
    ...(methods.accounts ?? [])
      .filter((a) => a.providerId !== "credential")
      .map((a) => providerLabel(a.providerId)),
    ...(methods.passkeys?.length ? [m.settings_way_passkey()] : []),
    m.settings_way_email_link(),
  ];
  return ways.length === 1
    ? ways[0]!
    : m.settings_ways_or({
        others: ways.slice(0, -1).join(", "),
        last: ways.at(-1)!,
      });
}

/**
 * Better Auth's reset link sets a password on an account that has none (its
 * `/reset-password` creates the credential account), and it is proof of the
 * address, so an account without a password asks for one the same way.
 */
function SetPassword() {
  const authClient = useAuthClient();
  const methods = useAccountMethods();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useFormAction(async () => {
    if (!methods.email) return;
    const { error } = await authClient.requestPasswordReset({
      email: methods.email,
      redirectTo: `${window.location.origin}/reset-password`,
    });
    if (error) return describeAuthError(error);
    setSentTo(methods.email);
  });
  return (
    <SettingsCard
      title={m.settings_password_title()}
      description={m.settings_password_none({
        ways: waysWithoutPassword(methods),
      })}
    >
      <form onSubmit={send.onSubmit} className="flex flex-col gap-3">
        <p className="text-sm">{m.settings_password_set_intro()}</p>
        <Button
          type="submit"
          className="self-start"
          disabled={send.pending || !methods.email}
        >
          {m.settings_password_set()}
        </Button>
      </form>
      <ErrorMessage message={send.error} />
      {sentTo && (
        <Notice>{m.settings_password_set_sent({ email: sentTo })}</Notice>
      )}
    </SettingsCard>
  );
}
