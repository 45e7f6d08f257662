/**
 * Passkeys (WebAuthn) through Better Auth's passkey plugin, configured for an
 * SPA on another origin than the auth routes.
 *
 * The relying party is the SPA: the browser runs the ceremony on the SPA's
 * page and only accepts an `rpID` that is that page's host, so `rpID` is
 * SITE_URL's hostname and the expected origin is SITE_URL. (The plugin's
 * default, the host of Better Auth's `baseURL`, is the Convex site, which
 * browsers refuse.)
 *
 * A passkey sign-in counts as two factors (the device, plus the PIN or
 * biometric that unlocks it), so it doesn't ask for the authenticator-app
 * code; Better Auth's two-factor plugin only intercepts password sign-ins.
 * That only holds if the authenticator verified the user, which the plugin
 * doesn't enforce, so both ceremonies refuse a response without it.
 *
 * Names are the user's labels, at most MAX_PASSKEY_NAME_LENGTH characters;
 * the plugin takes any length, so a longer one is refused here (the SPA
 * says the limit before the ceremony starts).
 */
import { passkey } from "@better-auth/passkey";
import { createAuthMiddleware } from "better-auth/api";
import { authRefusal } from "./authInput";
import { DETAILS, type Detail } from "./errors";
import { englishOf } from "./validation";

export const MAX_PASSKEY_NAME_LENGTH = 64;

/** Why a passkey name (trimmed, as the plugin stores it) can't be used. */
export function passkeyNameIssue(
  name: string,
): Extract<Detail, { key: "passkey_name_too_long" }> | null {
  return name.trim().length > MAX_PASSKEY_NAME_LENGTH
    ? { key: "passkey_name_too_long", params: { max: MAX_PASSKEY_NAME_LENGTH } }
    : null;
}

/** The same, in English words. */
export function passkeyNameProblem(name: string): string | null {
  const issue = passkeyNameIssue(name);
  return issue && englishOf(DETAILS, issue);
}

/** The routes that store a passkey's name, from their JSON body. */
const NAMING_PATHS = [
  "/passkey/verify-registration",
  "/passkey/update-passkey",
];

function requireUserVerified(verified: boolean | undefined): void {
  if (!verified) {
    throw authRefusal("UNAUTHORIZED", "USER_VERIFICATION_REQUIRED");
  }
}

/** The passkey plugin for the SPA served from `siteUrl` (SITE_URL). */
export function passkeyPlugin(siteUrl: string, appName: string) {
  const plugin = passkey({
    rpID: new URL(siteUrl).hostname,
    rpName: appName,
    origin: siteUrl,
    authenticatorSelection: {
      // Discoverable, so "Sign in with a passkey" and autofill need no email.
      residentKey: "required",
      userVerification: "required",
    },
    registration: {
      afterVerification: ({ verification }) =>
        requireUserVerified(verification.registrationInfo?.userVerified),
    },
    authentication: {
      afterVerification: ({ verification }) =>
        requireUserVerified(verification.authenticationInfo.userVerified),
    },
  });
  return {
    ...plugin,
    hooks: {
      before: [
        {
          matcher: (context: { path?: string }) =>
            NAMING_PATHS.includes(context.path ?? ""),
          handler: createAuthMiddleware(async (request) => {
            const name = (request.body as { name?: unknown } | undefined)?.name;
            const problem =
              typeof name === "string" ? passkeyNameIssue(name) : null;
            if (problem) {
              throw authRefusal("BAD_REQUEST", "VALIDATION_ERROR", problem);
            }
          }),
        },
      ],
    },
  };
}
