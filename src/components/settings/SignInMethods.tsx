import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import { oauthErrorOnLoad, providerLabel } from "../../lib/socialSignIn";
import { ErrorMessage } from "../Form";

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
  const accounts = useQuery(api.account.signInMethods) ?? null;
  // A failed link comes back here as ?error=.
  const [error, setError] = useState(oauthErrorOnLoad);

  const link = async (provider: string) => {
    setError(null);
    const back = `${window.location.origin}/settings`;
    const { error } = await authClient.linkSocial({
      provider,
      callbackURL: back,
      errorCallbackURL: back,
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
    <section className="card" aria-labelledby="sign-in-methods-heading">
      <h2 id="sign-in-methods-heading">Sign-in methods</h2>
      <ErrorMessage message={error} />
      {accounts === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul className="sessions" aria-label="Sign-in methods">
          {accounts.map((account) => (
            <li key={`${account.providerId}:${account.accountId}`}>
              <strong>{providerLabel(account.providerId)}</strong>
              <button
                type="button"
                className="secondary"
                disabled={onlyOne}
                title={onlyOne ? "Your only way to sign in" : undefined}
                onClick={() => void unlink(account)}
              >
                Unlink {providerLabel(account.providerId)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {onlyOne && (
        <p className="muted">
          This is your only way to sign in; connect another before removing it.
        </p>
      )}
      {accounts &&
        offered
          .filter((provider) => !linked.has(provider))
          .map((provider) => (
            <button
              key={provider}
              type="button"
              className="secondary"
              onClick={() => void link(provider)}
            >
              Connect {providerLabel(provider)}
            </button>
          ))}
    </section>
  );
}
