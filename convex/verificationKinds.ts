/**
 * Every kind of row Better Auth may write to its one `verification` table,
 * and the route that may write it. All kinds share one table and one lookup
 * by identifier, so a row made for one purpose could be redeemed at another
 * route that trusts what it reads (an OAuth state whose caller-chosen data
 * said `email` was once a valid magic link). Three things keep them apart:
 *
 * - identifiers are namespaced and unguessable, and each redeeming route
 *   looks only in its own namespace; the magic link's is a hash of the
 *   emailed token, so no other row's identifier can be presented as one;
 * - no caller-chosen data reaches a row (`additionalData` is refused,
 *   convex/authInput.ts), and the hook below refuses any row whose value
 *   isn't exactly its kind's shape;
 * - a route not listed here can't write a row at all, so a new plugin's
 *   tokens are refused until someone adds (and reviews) its kind.
 *
 * Identifiers are stored as an HMAC under the app's secret (`keyedIdentifier`
 * below): a copy of the table holds no usable token. The README's Security
 * model tables this.
 */
import { authRefusal } from "./authInput";
import { makeSignature } from "better-auth/crypto";

type ValueShape =
  /** A JSON object with only these keys. */
  | { json: readonly string[] }
  /** An opaque string: a user id, a session token or a counter. */
  | { text: true };

export type VerificationKind = {
  /** The identifier before hashing; `<random n>` is unguessable. */
  identifier: string;
  /** Who can cause one to exist. */
  createdBy: string;
  /** The routes that may write it. */
  paths: readonly string[];
  value: ValueShape;
  /** Where it is redeemed. */
  redeemedAt: string;
};

/** Better Auth's OAuth state (`stateDataSchema` in better-auth's state.mjs). */
const OAUTH_STATE_KEYS = [
  "callbackURL",
  "codeVerifier",
  "errorURL",
  "newUserURL",
  "expiresAt",
  "oauthState",
  "link",
  "requestSignUp",
] as const;

const PASSKEY_CHALLENGE_KEYS = [
  "type",
  "expectedChallenge",
  "userData",
  "context",
] as const;

export const VERIFICATION_KINDS: Record<string, VerificationKind> = {
  oauthState: {
    identifier: "<random 32>, also the `state` of the provider redirect",
    createdBy: "anyone (sign-in), or the signed-in user (linking)",
    paths: ["/sign-in/social", "/link-social"],
    value: { json: OAUTH_STATE_KEYS },
    redeemedAt: "/callback/:id",
  },
  magicLink: {
    identifier: "SHA-256 of the emailed <random 32>",
    createdBy: "anyone, for any address; the token goes only to that inbox",
    paths: ["/sign-in/magic-link"],
    value: { json: ["email", "name"] },
    redeemedAt: "/magic-link/verify",
  },
  emailCode: {
    identifier:
      "sign-in-otp-<email> or email-verification-otp-<email>: guessable, so it is never a credential; the code is",
    createdBy: "anyone, for any address; the code goes only to that inbox",
    // Its redeeming routes write it again with one more failed try.
    paths: [
      "/email-otp/send-verification-otp",
      "/sign-in/email-otp",
      "/email-otp/verify-email",
    ],
    value: { text: true }, // "<SHA-256 of the code>:<failed tries>"
    redeemedAt:
      "/sign-in/email-otp, /email-otp/verify-email: 3 tries, 5 minutes",
  },
  passwordReset: {
    identifier: "reset-password:<random 24>",
    createdBy: "anyone, for any address; the token goes only to that inbox",
    paths: ["/request-password-reset"],
    value: { text: true },
    redeemedAt: "/reset-password/:token (check), /reset-password",
  },
  oneTimeToken: {
    identifier: "one-time-token:<random 32>",
    createdBy:
      "the provider callback or magic link that just signed someone in",
    paths: ["/callback/:id", "/magic-link/verify"],
    value: { text: true },
    redeemedAt: "/cross-domain/one-time-token/verify, once, within 3 minutes",
  },
  passkeyChallenge: {
    identifier: "<random 32>, in a signed cookie",
    createdBy: "anyone (sign-in), or the signed-in user (registration)",
    paths: [
      "/passkey/generate-authenticate-options",
      "/passkey/generate-register-options",
    ],
    value: { json: PASSKEY_CHALLENGE_KEYS },
    redeemedAt: "/passkey/verify-authentication, /passkey/verify-registration",
  },
  twoFactorSignIn: {
    identifier:
      "2fa-<random 20> in a signed cookie, and 2fa-attempts-<that> for its counter",
    createdBy: "whoever gave the right password of an account with 2FA",
    paths: [
      "/sign-in/email",
      "/two-factor/verify-totp",
      "/two-factor/verify-backup-code",
    ],
    value: { text: true },
    redeemedAt: "/two-factor/verify-totp, /two-factor/verify-backup-code",
  },
  trustedDevice: {
    identifier:
      "trust-device-<random 32>, in a cookie bound to the user by HMAC",
    createdBy: "whoever passed 2FA and asked to trust the browser",
    paths: [
      "/two-factor/verify-totp",
      "/two-factor/verify-backup-code",
      "/sign-in/email",
    ],
    value: { text: true },
    redeemedAt: "/sign-in/email (skips the 2FA step)",
  },
};

function parsedObject(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function fits(shape: ValueShape, value: string): boolean {
  const object = parsedObject(value);
  if ("text" in shape) return object === undefined;
  return (
    object !== undefined &&
    Object.keys(object).every((key) => shape.json.includes(key))
  );
}

/** The kind a new row is, judged by the route writing it and its value. */
export function kindOf(
  path: string | undefined,
  value: string,
): string | undefined {
  return Object.entries(VERIFICATION_KINDS).find(
    ([, kind]) =>
      path !== undefined &&
      kind.paths.includes(path) &&
      fits(kind.value, value),
  )?.[0];
}

/**
 * `databaseHooks.verification.create.before`: refuses a row that no kind
 * above allows, before it is written.
 */
export function refuseUnknownVerification(
  row: { value: string },
  path: string | undefined,
): void {
  if (kindOf(path, row.value)) return;
  console.error(
    `[auth] Refused a verification row from ${path ?? "a call outside any route"}: no kind in convex/verificationKinds.ts allows it. A new plugin's tokens need an entry there.`,
  );
  throw authRefusal("INTERNAL_SERVER_ERROR", "UNKNOWN_VERIFICATION_KIND");
}

/**
 * Better Auth's `verification.storeIdentifier`: each identifier is stored as
 * its HMAC under BETTER_AUTH_SECRET. Keyed, not a plain hash, because Better
 * Auth also looks a presented identifier up as stored (for rows written
 * before hashing): with a plain hash, anyone could compute a row's stored
 * form and present it at another route; with the secret, nobody can.
 */
export function keyedIdentifier(secret: string) {
  return {
    hash: async (identifier: string) =>
      await makeSignature(`verification:${identifier}`, secret),
  };
}
