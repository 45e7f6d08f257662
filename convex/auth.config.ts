import type { AuthConfig } from "convex/server";
import { getAuthConfigProvider } from "@convex-dev/better-auth/auth-config";

// Convex verifies the JWTs that Better Auth's Convex plugin issues against
// this provider (issuer = CONVEX_SITE_URL, audience "convex", RS256).
export default {
  providers: [getAuthConfigProvider()],
} satisfies AuthConfig;
