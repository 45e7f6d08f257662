import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import { describeAuthError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";
import {
  oauthErrorOnLoad,
  ONE_TIME_TOKEN_REFUSED,
  providerLabel,
  useOneTimeTokenRefused,
} from "../lib/socialSignIn";
import { ErrorMessage } from "./Form";

/**
 * "Continue with …" for each provider the deployment offers, and what went
 * wrong on the way back: the provider's or Better Auth's `?error=`, or a
 * refused one-time token. The flow runs on the Convex site URL and returns
 * to "/" (this page when signed out) with `?ott=`, which the provider
 * component in main.tsx exchanges for the session.
 */
export function SocialSignIn() {
  const authClient = useAuthClient();
  const providers = useQuery(api.account.socialProviders) ?? [];
  const [error, setError] = useState(oauthErrorOnLoad);
  const ottRefused = useOneTimeTokenRefused();

  const start = async (provider: string) => {
    setError(null);
    const back = `${window.location.origin}/`;
    const { error } = await authClient.signIn.social({
      provider,
      callbackURL: back,
      errorCallbackURL: back,
    });
    if (error) setError(describeAuthError(error));
  };

  return (
    <>
      <ErrorMessage
        message={error ?? (ottRefused ? ONE_TIME_TOKEN_REFUSED : null)}
      />
      {providers.map((provider) => (
        <button
          key={provider}
          type="button"
          className="secondary"
          onClick={() => void start(provider)}
        >
          Continue with {providerLabel(provider)}
        </button>
      ))}
    </>
  );
}
