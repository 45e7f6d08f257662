import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import { describeAuthError } from "@/lib/authErrors";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { signInReturnUrls } from "@/lib/signInRedirect";
import {
  useOneTimeTokenRefusal,
  type Refusal,
} from "@/lib/oneTimeTokenRefusal";
import { oauthErrorOnLoad, providerLabel } from "@/lib/socialSignIn";
import { ErrorMessage } from "@/components/Form";
import { ProviderIcon } from "@/components/ProviderIcon";
import { Button } from "@/components/ui/button";
import { m } from "@/paraglide/messages";

/** Why the `?ott=` this page came back with was refused, in words. */
const ONE_TIME_TOKEN_REFUSALS: Record<Refusal, () => string> = {
  expired: m.error_link_expired,
  notStartedHere: m.error_link_not_started_here,
};

/**
 * "Continue with …" for each provider the deployment offers, and what went
 * wrong on the way back: the provider's or Better Auth's `?error=`, or a
 * refused one-time token. The flow runs on the Convex site URL and returns
 * to `returnTo` (the sign-in page's `?redirect=`, else "/") with `?ott=`,
 * which src/main.tsx exchanges before the first render
 * (`exchangeOneTimeToken`) if this browser started the flow
 * (src/lib/signInRedirect.ts); errors return to this page, "/sign-in",
 * because the guard on a signed-in page would drop the `?error=`.
 */
export function SocialSignIn({ returnTo }: { returnTo?: string }) {
  const providers = useQuery(api.account.socialProviders) ?? [];
  const [error, setError] = useState(oauthErrorOnLoad);
  const refusal = useOneTimeTokenRefusal();
  const ottRefusal = refusal && ONE_TIME_TOKEN_REFUSALS[refusal]();

  const start = async (provider: string) => {
    setError(null);
    const authClient = await loadAuthClient().catch(() => null);
    if (!authClient) return setError(describeAuthError(null));
    const { error } = await authClient.signIn.social({
      provider,
      ...signInReturnUrls(returnTo),
    });
    if (error) setError(describeAuthError(error));
  };

  return (
    <>
      <ErrorMessage message={error ?? ottRefusal} />
      {providers.map((provider) => (
        <Button
          key={provider}
          variant="outline"
          onClick={() => void start(provider)}
        >
          <ProviderIcon provider={provider} />
          {m.auth_continue_with({ provider: providerLabel(provider) })}
        </Button>
      ))}
    </>
  );
}
