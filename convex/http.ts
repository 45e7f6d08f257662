import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
import { authComponent, createAuth } from "./auth";
import authConfig from "./auth.config";
import { answerUnverifiedAsWrong } from "./authHooks";
import { configCheckResponse } from "./configCheck";
import { DEVICE_TOKENS_HEADER, SET_DEVICE_TOKEN_HEADER } from "./deviceTokens";
import { handleResendWebhook } from "./email";
import { siteUrl } from "./env";
import { publicJwks, storedSigningKeys } from "./model/signingKeys";
import {
  REMOVE_PASSWORD_HEADER,
  SIGN_UP_PASSWORD_HEADER,
} from "./unprovenPassword";

const http = httpRouter();

/** The auth instance, its sign-in answering as convex/authHooks.ts says. */
function createAuthAnsweringAsOne(ctx: Parameters<typeof createAuth>[0]) {
  const auth = createAuth(ctx);
  return {
    ...auth,
    handler: async (request: Request) =>
      await answerUnverifiedAsWrong(request, await auth.handler(request)),
  };
}

// Better Auth's routes under /api/auth/*, with CORS for the SPA's origin.
// The lazy variant reads SITE_URL per request, so a first deploy succeeds
// before the variable is set (requests then fail with a message naming it).
authComponent.registerRoutesLazy(http, createAuthAnsweringAsOne, {
  cors: {
    allowedHeaders: [
      // The verify page's answer about a password set before verification.
      SIGN_UP_PASSWORD_HEADER,
      REMOVE_PASSWORD_HEADER,
      // The browser's device tokens (convex/deviceTokens.ts).
      DEVICE_TOKENS_HEADER,
    ],
    exposedHeaders: [SET_DEVICE_TOKEN_HEADER],
  },
  trustedOrigins: () => [siteUrl()],
});

// Convex fetches the JWKS for every JWT it checks (no Cache-Control, so a
// rotated or retired key counts at once: convex/model/signingKeys.ts), so
// it is on the path of every sign-in and reload. Read straight from the
// keys table it is one query, not a whole Better Auth instance with its
// plugins and hooks (none of which apply to this route); the same answer
// as Better Auth's route (tests/signingKeys.test.ts). An exact path wins
// over the /api/auth/ prefix above.
http.route({
  path: "/api/auth/convex/jwks",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const keys = await storedSigningKeys(ctx);
    if (keys.length > 0) {
      const jwks = publicJwks(keys, authConfig.providers[0].algorithm);
      return new Response(JSON.stringify(jwks), {
        headers: { "Content-Type": "application/json" },
      });
    }
    // No key yet: Better Auth's route creates the first one.
    return await createAuthAnsweringAsOne(ctx).handler(request);
  }),
});

// What is misconfigured, readable from any origin (the SPA shows it when an
// auth request fails in a way the browser can't explain).
http.route({
  path: "/api/config-check",
  method: "GET",
  handler: httpAction(async (_ctx, request) => configCheckResponse(request)),
});

// Resend's delivery events (bounces, complaints), signed with
// RESEND_WEBHOOK_SECRET.
http.route({
  path: "/resend-webhook",
  method: "POST",
  handler: httpAction(handleResendWebhook),
});

export default http;
