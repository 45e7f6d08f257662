import { useQuery } from "convex/react";
import { KeyRound, Link2, Mail, RectangleEllipsis } from "lucide-react";
import { useState, type ReactNode } from "react";
import { api } from "../../../convex/_generated/api";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { bindToThisBrowser } from "@/lib/signInRedirect";
import { oauthErrorOnLoad, providerLabel } from "@/lib/socialSignIn";
import { notify } from "@/lib/toast";
import { ConfirmButton } from "@/components/ConfirmDialog";
import { ErrorMessage } from "@/components/Form";
import { Button } from "@/components/ui/button";
import {
  useAccountMethods,
  type AccountRow,
} from "@/components/settings/accountMethods";
import { settingsPath } from "@/components/settings/sections";
import { SettingsCard } from "@/components/settings/SettingsCard";
import {
  SignInAgain,
  needsFreshSignIn,
} from "@/components/settings/SignInAgain";
import { m } from "@/paraglide/messages";

/**
 * Every way this account signs in: its password, each linked provider, each
 * passkey, and an emailed link (the magic-link plugin is on for every
 * account, convex/auth.ts). Providers can be connected (same email only:
 * convex/socialSignIn.ts) and unlinked, but not the last password or
 * provider: Better Auth refuses to unlink an account's last one, whatever
 * else it has. Passkeys are managed in their own card.
 */
export function SignInMethods() {
  const authClient = useAuthClient();
  const offered = useQuery(api.account.socialProviders) ?? [];
  const { accounts, passkeys, email } = useAccountMethods();
  // A failed link comes back here as ?error=.
  const [error, setError] = useState(oauthErrorOnLoad);
  const [stale, setStale] = useState(false);

  const link = async (provider: string) => {
    setError(null);
    const back = `${window.location.origin}${settingsPath("security")}`;
    const { error } = await authClient.linkSocial({
      provider,
      ...bindToThisBrowser({ callbackURL: back, errorCallbackURL: back }),
    });
    if (error) setError(describeAuthError(error));
  };
  const unlink = async (account: AccountRow): Promise<string | void> => {
    setError(null);
    setStale(false);
    const { error } = await authClient.unlinkAccount({
      providerId: account.providerId,
      accountId: account.accountId,
    });
    if (needsFreshSignIn(error)) return void setStale(true);
    if (error) return describeAuthError(error);
    notify(
      m.settings_method_unlinked({
        provider: providerLabel(account.providerId),
      }),
    );
  };

  const linked = new Set(accounts?.map((a) => a.providerId));
  const lastOne = accounts?.length === 1;
  return (
    <SettingsCard
      title={m.settings_methods_title()}
      description={m.settings_methods_description()}
    >
      <ErrorMessage message={error} />
      {accounts === null ? (
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      ) : (
        <ul
          className="divide-y rounded-md border"
          aria-label={m.settings_methods_title()}
        >
          {accounts.map((account) => {
            const label = providerLabel(account.providerId);
            return (
              <Method
                key={`${account.providerId}:${account.accountId}`}
                icon={
                  account.providerId === "credential" ? (
                    <RectangleEllipsis aria-hidden />
                  ) : (
                    <Link2 aria-hidden />
                  )
                }
                label={label}
              >
                <ConfirmButton
                  title={m.settings_method_unlink_title({ provider: label })}
                  description={m.settings_method_unlink_description({
                    provider: label,
                  })}
                  confirmLabel={m.settings_method_unlink({ provider: label })}
                  disabled={lastOne}
                  onConfirm={() => unlink(account)}
                >
                  {m.settings_method_unlink({ provider: label })}
                </ConfirmButton>
              </Method>
            );
          })}
          {(passkeys ?? []).map((passkey) => (
            <Method
              key={passkey.id}
              icon={<KeyRound aria-hidden />}
              label={m.settings_method_passkey({
                name: passkey.name || m.settings_passkey_unnamed(),
              })}
            />
          ))}
          <Method
            icon={<Mail aria-hidden />}
            label={m.settings_method_email_link()}
            detail={
              email ? m.settings_method_email_sent_to({ email }) : undefined
            }
          />
        </ul>
      )}
      {lastOne && (
        <p className="text-sm text-muted-foreground">
          {accounts[0]!.providerId === "credential"
            ? m.settings_method_only_password()
            : m.settings_method_only_provider()}
        </p>
      )}
      {stale && (
        <SignInAgain
          message={m.settings_sign_in_again_unlink()}
          section="security"
        />
      )}
      {accounts &&
        offered
          .filter((provider) => !linked.has(provider))
          .map((provider) => (
            <Button
              key={provider}
              variant="outline"
              className="self-start"
              onClick={() => void link(provider)}
            >
              {m.settings_method_connect({ provider: providerLabel(provider) })}
            </Button>
          ))}
    </SettingsCard>
  );
}

function Method({
  icon,
  label,
  detail,
  children,
}: {
  icon: ReactNode;
  label: string;
  detail?: string;
  children?: ReactNode;
}) {
  return (
    <li
      data-testid="sign-in-method"
      className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm"
    >
      <div className="flex min-w-0 flex-1 basis-48 items-start gap-2 [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0 [&>svg]:text-muted-foreground">
        {icon}
        <div className="min-w-0 [overflow-wrap:anywhere]">
          <span className="font-medium">{label}</span>
          {detail && (
            <span className="block text-muted-foreground">{detail}</span>
          )}
        </div>
      </div>
      {children}
    </li>
  );
}
