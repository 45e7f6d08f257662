import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { bindToThisBrowser } from "@/lib/signInRedirect";
import { oauthErrorOnLoad, providerLabel } from "@/lib/socialSignIn";
import { ErrorMessage } from "@/components/Form";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";

type AccountRow = { providerId: string; accountId: string };

/**
 * The ways this account signs in (password, each provider), linking another
 * provider (same email only: convex/socialSignIn.ts) and unlinking one.
 * The last one can't be removed; Better Auth refuses it too. The list is a
 * Convex query, so it follows a link or unlink by itself.
 */
export function SignInMethods() {
  const authClient = useAuthClient();
  const offered = useQuery(api.account.socialProviders) ?? [];
  // null while loading, or for a moment when the session ends.
  const accounts = useQuery(api.account.signInMethods) ?? null;
  // A failed link comes back here as ?error=.
  const [error, setError] = useState(oauthErrorOnLoad);

  const link = async (provider: string) => {
    setError(null);
    const back = `${window.location.origin}/settings`;
    const { error } = await authClient.linkSocial({
      provider,
      ...bindToThisBrowser({ callbackURL: back, errorCallbackURL: back }),
    });
    if (error) setError(describeAuthError(error));
  };
  const unlink = async (account: AccountRow) => {
    setError(null);
    const { error } = await authClient.unlinkAccount({
      providerId: account.providerId,
      accountId: account.accountId,
    });
    if (error) setError(describeAuthError(error));
  };

  const linked = new Set(accounts?.map((a) => a.providerId));
  const onlyOne = accounts?.length === 1;
  return (
    <SettingsCard
      title="Sign-in methods"
      description="The ways you can sign in to this account."
    >
      <ErrorMessage message={error} />
      {accounts === null ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Sign-in methods">
          {accounts.map((account) => (
            <li
              key={`${account.providerId}:${account.accountId}`}
              className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm"
            >
              <span className="font-medium">
                {providerLabel(account.providerId)}
              </span>
              <Button
                variant="outline"
                size="sm"
                disabled={onlyOne}
                onClick={() => void unlink(account)}
              >
                Unlink {providerLabel(account.providerId)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {onlyOne && (
        <p className="text-sm text-muted-foreground">
          This is your only way to sign in; connect another before removing it.
        </p>
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
              Connect {providerLabel(provider)}
            </Button>
          ))}
    </SettingsCard>
  );
}
