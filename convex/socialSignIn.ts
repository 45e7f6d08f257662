/**
 * Social sign-in: the dev provider (through Better Auth's genericOAuth
 * plugin), the account-linking policy, and the refusal of identities whose
 * email the provider hasn't verified. Used by convex/auth.ts.
 */
import { APIError } from "better-auth/api";
import type { BetterAuthOptions } from "better-auth/minimal";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { convexSiteUrl, DEV_PROVIDER_ID, devOAuthProvider } from "./env";

/**
 * GitHub's and Google's defaults plus Better Auth's: a provider identity is
 * linked to an existing user with the same email only when the provider says
 * the email is verified AND the existing account's email is verified too;
 * otherwise the sign-in is refused with `account_not_linked`. Linking from
 * Settings (signed in) needs the same email. The profile the user chose
 * (name, image) is not overwritten by a link.
 *
 * Why this fits "no account enumeration": whoever gets a different answer
 * for a registered email (a session, or `account_not_linked`) has just shown
 * the provider's proof that they own that address, the same proof a
 * password-reset email asks for. Identities without that proof are refused
 * before any lookup can show (see `refuseUnverifiedUser`).
 */
export const ACCOUNT_LINKING = {
  enabled: true,
  requireLocalEmailVerified: true,
  allowDifferentEmails: false,
  updateUserInfoOnLink: false,
} satisfies NonNullable<BetterAuthOptions["account"]>["accountLinking"];

/**
 * Better Auth's own answer to an unverified identity whose email already has
 * an account. Given to new emails too, so the answer can't tell them apart.
 */
const NOT_LINKED = "account not linked";

/**
 * An OAuth sign-in whose email the provider hasn't verified would otherwise
 * create a user with a session: anyone could hold an address they don't
 * own and be linked to its real owner later (account pre-hijacking). It is
 * refused here, before the user is written, with the same answer Better
 * Auth gives when that email is already registered.
 *
 * An allowlist, not a list of OAuth routes: only the password sign-up may
 * create an unverified user (it can't sign in until the emailed link is
 * opened). Provider callbacks, the ID-token path of `/sign-in/social`, and
 * whatever a future plugin adds must bring a verified address.
 */
export function refuseUnverifiedUser(
  user: { emailVerified: boolean },
  path: string | undefined,
): void {
  if (!user.emailVerified && path !== "/sign-up/email") {
    throw new APIError("FORBIDDEN", { message: NOT_LINKED });
  }
}

/**
 * The dev provider, when it is on (convex/env.ts says when). Its redirect URI
 * is the standard `/api/auth/callback/dev`, not the plugin's own
 * `/oauth2/callback/dev`: the flow then runs through the same callback route,
 * state check, error redirect and cross-domain one-time token as GitHub and
 * Google, and the SPA starts it with the same `signIn.social` call.
 */
export function devProviderPlugins() {
  const dev = devOAuthProvider();
  if (!dev) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: DEV_PROVIDER_ID,
          discoveryUrl: dev.discoveryUrl,
          clientId: dev.clientId,
          clientSecret: dev.clientSecret,
          pkce: true,
          scopes: ["openid", "email", "profile"],
          redirectURI: `${convexSiteUrl()}/api/auth/callback/${DEV_PROVIDER_ID}`,
        },
      ],
    }),
  ];
}
