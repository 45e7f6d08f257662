import {
  convexClient,
  crossDomainClient,
} from "@convex-dev/better-auth/client/plugins";
import {
  emailOTPClient,
  inferAdditionalFields,
  magicLinkClient,
  twoFactorClient,
} from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { withDeploymentCheck } from "@/lib/deploymentCheck";
import { AUTH_STORAGE_PREFIX, crossDomainStorage } from "@/lib/authStorage";
import { deviceTokensClient } from "@/lib/deviceTokens";
import { sessionChangesClient } from "@/lib/sessionChangesClient";

/**
 * The Better Auth client. The SPA and the auth routes live on different
 * origins, so the cross-domain plugin carries the session in a header instead
 * of a cookie; the Convex plugin fetches the JWT that Convex verifies.
 * Loaded on demand (src/lib/lazyAuthClient.ts), not in the first bundle.
 */
export function makeAuthClient(
  convexSiteUrl: string,
  onTwoFactorRedirect: () => void,
) {
  return createAuthClient({
    baseURL: convexSiteUrl,
    // A misconfigured deployment (say, SITE_URL unset: a bare CORS failure
    // in the browser) becomes an error that names the fix.
    fetchOptions: { customFetchImpl: withDeploymentCheck(convexSiteUrl) },
    plugins: [
      // src/lib/authStorage.ts reads the same storage before this loads.
      crossDomainClient({
        storagePrefix: AUTH_STORAGE_PREFIX,
        storage: crossDomainStorage,
      }),
      // Tells this browser's owner from a stranger in the rate limits.
      deviceTokensClient(),
      convexClient(),
      magicLinkClient(),
      // The user's language (convex/auth.ts `additionalFields`).
      inferAdditionalFields({
        user: { locale: { type: "string", required: false } },
      }),
      // Six-digit codes by email (convex/emailCodes.ts).
      emailOTPClient(),
      // Password accepted, now the second factor.
      twoFactorClient({ onTwoFactorRedirect }),
      // Last: a request counts as under way until the cross-domain plugin
      // has stored its cookies (src/lib/convexAuth.tsx waits for that).
      sessionChangesClient(),
    ],
  });
}

export type AuthClient = ReturnType<typeof makeAuthClient>;
