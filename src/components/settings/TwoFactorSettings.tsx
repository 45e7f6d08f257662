import { useState } from "react";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import { ErrorMessage, Field, Notice, useFormAction } from "../Form";
import { QrCode } from "../QrCode";

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
    <section className="card" aria-labelledby="twofa-heading">
      <h2 id="twofa-heading">Two-factor authentication</h2>
      {setup ? (
        <>
          <p>
            Scan this code with your authenticator app, or enter the key{" "}
            <code data-testid="totp-secret">{secret}</code> by hand.
          </p>
          <QrCode value={setup.totpURI} label="Authenticator QR code" />
          <p>
            Backup codes: each works once if you lose your device. Keep them
            somewhere safe.
          </p>
          <ul className="codes" aria-label="Backup codes">
            {setup.backupCodes.map((backup) => (
              <li key={backup}>
                <code>{backup}</code>
              </li>
            ))}
          </ul>
          <form onSubmit={confirm.onSubmit} className="inline">
            <Field
              label="Authentication code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button type="submit" disabled={confirm.pending}>
              Turn on two-factor
            </button>
          </form>
          <ErrorMessage message={confirm.error} />
        </>
      ) : (
        <>
          <Notice>
            Two-factor authentication is {enabled ? "on" : "off"}.
          </Notice>
          <form
            onSubmit={enabled ? disable.onSubmit : start.onSubmit}
            className="inline"
          >
            <Field
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" disabled={start.pending || disable.pending}>
              {enabled ? "Turn off two-factor" : "Set up two-factor"}
            </button>
          </form>
          <ErrorMessage message={enabled ? disable.error : start.error} />
        </>
      )}
    </section>
  );
}
