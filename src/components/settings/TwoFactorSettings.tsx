import { Copy, Download } from "lucide-react";
import { useState, type ReactNode } from "react";
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
import { m } from "@/paraglide/messages";

type Setup = { totpURI: string; backupCodes: string[] };

/** The card, with its title and description. */
function TwoFactorCard({ children }: { children: ReactNode }) {
  return (
    <SettingsCard
      title={m.settings_two_factor_title()}
      description={m.settings_two_factor_description()}
    >
      {children}
    </SettingsCard>
  );
}

async function copy(text: string, copied: string, failed: () => string) {
  try {
    await navigator.clipboard.writeText(text);
    notify(copied);
  } catch {
    notify(failed(), "error");
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
      <TwoFactorCard>
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      </TwoFactorCard>
    );
  if (!methods.hasPassword)
    return (
      <TwoFactorCard>
        <Status enabled={enabled} />
        <p className="text-sm text-muted-foreground">
          {enabled
            ? m.settings_two_factor_on_without_password()
            : m.settings_two_factor_needs_password({
                ways: waysWithoutPassword(methods),
              })}
        </p>
      </TwoFactorCard>
    );
  return <WithPassword enabled={enabled} refetch={session.refetch} />;
}

function Status({ enabled }: { enabled: boolean }) {
  return (
    <p role="status" className="text-sm">
      {enabled
        ? m.settings_two_factor_status_on()
        : m.settings_two_factor_status_off()}
    </p>
  );
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
    notify(m.settings_two_factor_turned_on());
  });
  const disable = useFormAction(async () => {
    const { error } = await authClient.twoFactor.disable({ password });
    if (error) return describeAuthError(error);
    setPassword("");
    await refetch();
    notify(m.settings_two_factor_turned_off());
  });

  if (setup) {
    const secret = new URL(setup.totpURI).searchParams.get("secret") ?? "";
    const codes = setup.backupCodes.join("\n");
    return (
      <TwoFactorCard>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <QrCode
            value={setup.totpURI}
            label={m.settings_two_factor_qr_label()}
          />
          <div className="flex min-w-0 flex-col gap-2 text-sm">
            <p>{m.settings_two_factor_scan()}</p>
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
              onClick={() =>
                void copy(
                  secret,
                  m.settings_two_factor_key_copied(),
                  m.settings_two_factor_key_copy_failed,
                )
              }
            >
              <Copy aria-hidden />
              {m.settings_two_factor_copy_key()}
            </Button>
          </div>
        </div>
        <p className="text-sm">{m.settings_two_factor_backup_intro()}</p>
        <ul
          className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5"
          aria-label={m.settings_two_factor_backup_codes()}
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
            onClick={() =>
              void copy(
                codes,
                m.settings_two_factor_codes_copied(),
                m.settings_two_factor_codes_copy_failed,
              )
            }
          >
            <Copy aria-hidden />
            {m.settings_two_factor_copy_codes()}
          </Button>
          <Button
            variant="outline"
            size="sm"
            onClick={() => download("backup-codes.txt", `${codes}\n`)}
          >
            <Download aria-hidden />
            {m.settings_two_factor_download_codes()}
          </Button>
        </div>
        <form onSubmit={confirm.onSubmit} className={inlineForm}>
          <Field
            label={m.settings_two_factor_code_label()}
            className="grid flex-1 gap-2"
            inputMode="numeric"
            autoComplete="one-time-code"
            // The next thing to do, once the app has the key.
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <Button type="submit" disabled={confirm.pending}>
            {m.settings_two_factor_turn_on()}
          </Button>
          <Button variant="ghost" onClick={() => setSetup(null)}>
            {m.settings_cancel()}
          </Button>
        </form>
        <ErrorMessage message={confirm.error} />
      </TwoFactorCard>
    );
  }

  return (
    <TwoFactorCard>
      <Status enabled={enabled} />
      <form
        onSubmit={enabled ? disable.onSubmit : start.onSubmit}
        className={inlineForm}
      >
        <Field
          label={m.settings_two_factor_password_label()}
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
          {enabled
            ? m.settings_two_factor_turn_off()
            : m.settings_two_factor_set_up()}
        </Button>
      </form>
      <ErrorMessage message={enabled ? disable.error : start.error} />
    </TwoFactorCard>
  );
}
