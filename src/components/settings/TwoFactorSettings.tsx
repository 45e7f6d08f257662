import { useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { QrCode } from "@/components/QrCode";

type Setup = { totpURI: string; backupCodes: string[] };

/** Authenticator-app 2FA: enable (QR + backup codes + first code), disable. */
export function TwoFactorSettings() {
  const authClient = useAuthClient();
  const session = authClient.useSession();
  const enabled = Boolean(session.data?.user.twoFactorEnabled);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [setup, setSetup] = useState<Setup | null>(null);

  const start = useFormAction(async () => {
    const { data, error } = await authClient.twoFactor.enable({ password });
    if (error) return describeAuthError(error);
    setPassword("");
    setSetup(data as Setup);
  });
  const confirm = useFormAction(async () => {
    const { error } = await authClient.twoFactor.verifyTotp({
      code: code.trim(),
    });
    if (error) return describeAuthError(error);
    setSetup(null);
    setCode("");
    await session.refetch();
  });
  const disable = useFormAction(async () => {
    const { error } = await authClient.twoFactor.disable({ password });
    if (error) return describeAuthError(error);
    setPassword("");
    await session.refetch();
  });

  const secret = setup
    ? new URL(setup.totpURI).searchParams.get("secret")
    : null;

  return (
    <SettingsCard
      title="Two-factor authentication"
      description="A code from an authenticator app at each sign-in."
    >
      {setup ? (
        <>
          <p className="text-sm">
            Scan this code with your authenticator app, or enter the key{" "}
            <code
              data-testid="totp-secret"
              className="rounded bg-muted px-1 py-0.5 font-mono break-all"
            >
              {secret}
            </code>{" "}
            by hand.
          </p>
          <QrCode value={setup.totpURI} label="Authenticator QR code" />
          <p className="text-sm">
            Backup codes: each works once if you lose your device. Keep them
            somewhere safe.
          </p>
          <ul
            className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-4"
            aria-label="Backup codes"
          >
            {setup.backupCodes.map((backup) => (
              <li key={backup} className="rounded-md bg-muted px-2 py-1">
                <code>{backup}</code>
              </li>
            ))}
          </ul>
          <form onSubmit={confirm.onSubmit} className={inlineForm}>
            <Field
              label="Authentication code"
              className="grid flex-1 gap-2"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <Button type="submit" disabled={confirm.pending}>
              Turn on two-factor
            </Button>
          </form>
          <ErrorMessage message={confirm.error} />
        </>
      ) : (
        <>
          <p role="status" className="text-sm">
            Two-factor authentication is {enabled ? "on" : "off"}.
          </p>
          <form
            onSubmit={enabled ? disable.onSubmit : start.onSubmit}
            className={inlineForm}
          >
            <Field
              label="Password"
              className="grid flex-1 gap-2"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <Button
              type="submit"
              variant={enabled ? "outline" : "default"}
              disabled={start.pending || disable.pending}
            >
              {enabled ? "Turn off two-factor" : "Set up two-factor"}
            </Button>
          </form>
          <ErrorMessage message={enabled ? disable.error : start.error} />
        </>
      )}
    </SettingsCard>
  );
}
