import { Copy, Download } from "lucide-react";
import { useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { notify } from "@/lib/toast";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { QrCode } from "@/components/QrCode";
import { Button } from "@/components/ui/button";
import { useAccountMethods } from "@/components/settings/accountMethods";
import { waysWithoutPassword } from "@/components/settings/PasswordSettings";
import { SettingsCard } from "@/components/settings/SettingsCard";

type Setup = { totpURI: string; backupCodes: string[] };

const TITLE = "Two-factor authentication";
const DESCRIPTION =
  "A code from an authenticator app at each password sign-in.";

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    notify(`${what} copied`);
  } catch {
    notify(
      `Couldn't copy the ${what.toLowerCase()}: select it and copy it instead.`,
      "error",
    );
  }
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Authenticator-app 2FA: enable (QR + backup codes + first code), disable.
 *
 * Better Auth's two-factor plugin asks for the code only after a password
 * sign-in (its hook matches `/sign-in/email`); a provider, passkey or
 * emailed link signs in without it. So an account without a password sets
 * one first: turning 2FA on there would say "on" and protect nothing. (The
 * plugin's `allowPasswordless` would enable it from any live session, not
 * even a fresh one.)
 */
export function TwoFactorSettings() {
  const methods = useAccountMethods();
  const authClient = useAuthClient();
  const session = authClient.useSession();
  const enabled = Boolean(session.data?.user.twoFactorEnabled);
  if (methods.hasPassword === null)
    return (
      <SettingsCard title={TITLE} description={DESCRIPTION}>
        <p className="text-sm text-muted-foreground">Loading…</p>
      </SettingsCard>
    );
  if (!methods.hasPassword)
    return (
      <SettingsCard title={TITLE} description={DESCRIPTION}>
        <p role="status" className="text-sm">
          Two-factor authentication is {enabled ? "on" : "off"}.
        </p>
        <p className="text-sm text-muted-foreground">
          {enabled
            ? "It asks for a code only after a password, and your account has none now: set a password above to turn it off."
            : `It adds a code after your password, and your account has no password: you sign in with ${waysWithoutPassword(methods)}. Set a password above first.`}
        </p>
      </SettingsCard>
    );
  return <WithPassword enabled={enabled} refetch={session.refetch} />;
}

function WithPassword({
  enabled,
  refetch,
}: {
  enabled: boolean;
  refetch: () => Promise<unknown>;
}) {
  const authClient = useAuthClient();
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
    await refetch();
    notify("Two-factor authentication is on");
  });
  const disable = useFormAction(async () => {
    const { error } = await authClient.twoFactor.disable({ password });
    if (error) return describeAuthError(error);
    setPassword("");
    await refetch();
    notify("Two-factor authentication is off");
  });

  if (setup) {
    const secret = new URL(setup.totpURI).searchParams.get("secret") ?? "";
    const codes = setup.backupCodes.join("\n");
    return (
      <SettingsCard title={TITLE} description={DESCRIPTION}>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <QrCode value={setup.totpURI} label="Authenticator QR code" />
          <div className="flex min-w-0 flex-col gap-2 text-sm">
            <p>
              Scan this code with your authenticator app, or enter this key by
              hand:
            </p>
            <code
              data-testid="totp-secret"
              className="rounded bg-muted px-2 py-1 font-mono break-all"
            >
              {secret}
            </code>
            <Button
              variant="outline"
              size="sm"
              className="self-start"
              onClick={() => void copy(secret, "Key")}
            >
              <Copy aria-hidden />
              Copy key
            </Button>
          </div>
        </div>
        <p className="text-sm">
          Backup codes: each works once if you lose your device. Keep them
          somewhere safe; they aren&rsquo;t shown again.
        </p>
        <ul
          className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5"
          aria-label="Backup codes"
        >
          {setup.backupCodes.map((backup) => (
            <li key={backup} className="rounded-md bg-muted px-2 py-1">
              <code>{backup}</code>
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            size="sm"
            onClick={() => void copy(codes, "Backup codes")}
          >
            <Copy aria-hidden />
            Copy backup codes
          </Button>
          <Button
            variant="outline"
            size="sm"
            onClick={() => download("backup-codes.txt", `${codes}\n`)}
          >
            <Download aria-hidden />
            Download backup codes
          </Button>
        </div>
        <form onSubmit={confirm.onSubmit} className={inlineForm}>
          <Field
            label="Authentication code"
            className="grid flex-1 gap-2"
            inputMode="numeric"
            autoComplete="one-time-code"
            // The next thing to do, once the app has the key.
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <Button type="submit" disabled={confirm.pending}>
            Turn on two-factor
          </Button>
          <Button variant="ghost" onClick={() => setSetup(null)}>
            Cancel
          </Button>
        </form>
        <ErrorMessage message={confirm.error} />
      </SettingsCard>
    );
  }

  return (
    <SettingsCard title={TITLE} description={DESCRIPTION}>
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
    </SettingsCard>
  );
}
