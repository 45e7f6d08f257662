import {
  convexClient,
  crossDomainClient,
} from "@convex-dev/better-auth/client/plugins";
import { magicLinkClient, twoFactorClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

/**
 * The Better Auth client. The SPA and the auth routes live on different
 * origins, so the cross-domain plugin carries the session in a header instead
 * of a cookie; the Convex plugin fetches the JWT that Convex verifies.
 */
export function makeAuthClient(
  convexSiteUrl: string,
  onTwoFactorRedirect: () => void,
) {
  return createAuthClient({
    baseURL: convexSiteUrl,
    plugins: [
      crossDomainClient(),
      convexClient(),
      magicLinkClient(),
      // Password accepted, now the second factor.
      twoFactorClient({ onTwoFactorRedirect }),
    ],
  });
}

export type AuthClient = ReturnType<typeof makeAuthClient>;
