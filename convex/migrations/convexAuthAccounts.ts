/**
 * What becomes of each Convex Auth sign-in method (an `authAccounts` row)
 * on Better Auth. Pure functions.
 */

/** How a Convex Auth provider's accounts move. */
export type AccountPlan =
  /** The Password provider: its hash becomes the credential account's. */
  | { kind: "password" }
  /** An OAuth provider: an account with the same provider account id. */
  | { kind: "oauth"; providerId: string }
  /**
   * Sign-in by emailed code or link: nothing to store, Better Auth's magic
   * link signs the same address in.
   */
  | { kind: "email" };

/**
 * Your `convexAuth({ providers })`, by provider id (the `provider` of its
 * `authAccounts` rows). A provider that isn't here stops its users from
 * moving, with a report saying so: add it first. The OAuth ones need the
 * same provider configured in convex/auth.ts (GITHUB_CLIENT_ID, …).
 */
export const CONVEX_AUTH_PROVIDERS: Record<string, AccountPlan> = {
  password: { kind: "password" },
  github: { kind: "oauth", providerId: "github" },
  google: { kind: "oauth", providerId: "google" },
  resend: { kind: "email" },
  "resend-otp": { kind: "email" },
};

/**
 * How the app's Password provider hashed: Convex Auth's default (`Scrypt`
 * of lucia), lucia's `LegacyScrypt` (`crypto` option, for apps from lucia
 * 2), or any other `crypto` option.
 */
export const PASSWORD_HASHINGS = ["scrypt", "legacyScrypt", "custom"] as const;
export type PasswordHashing = (typeof PASSWORD_HASHINGS)[number];

/**
 * lucia's Scrypt: a hex salt (used as the salt string) and a 64-byte key in
 * hex; N 16384, r 16, p 1, the password NFKC-normalized. Better Auth's
 * default hash is the same computation in the same format, so the stored
 * hash verifies as it is (tests/migrations.convexAuth.test.ts proves it).
 */
const SCRYPT_HASH = /^[0-9a-f]{2,}:[0-9a-f]{128}$/;

export type PasswordOutcome =
  | { kind: "carried"; hash: string }
  /** Not verifiable by Better Auth: the user sets a new password by email. */
  | { kind: "reset"; reason: string };

/** What Better Auth can take of a Convex Auth password secret. */
export function carriedPassword(
  secret: string | undefined,
  hashing: PasswordHashing,
): PasswordOutcome {
  if (secret === undefined) {
    return { kind: "reset", reason: "the account holds no hash" };
  }
  if (hashing === "custom") {
    return { kind: "reset", reason: "the app hashed with its own `crypto`" };
  }
  // LegacyScrypt's current hashes: the same computation, with a version.
  if (secret.startsWith("s2:") && SCRYPT_HASH.test(secret.slice(3))) {
    return { kind: "carried", hash: secret.slice(3) };
  }
  if (SCRYPT_HASH.test(secret)) {
    // LegacyScrypt's two-part hashes (from lucia 2) used r 8: not Better
    // Auth's computation, though they look the same.
    return hashing === "scrypt"
      ? { kind: "carried", hash: secret }
      : { kind: "reset", reason: "a LegacyScrypt hash from lucia 2 (r 8)" };
  }
  return { kind: "reset", reason: "not a scrypt hash this starter verifies" };
}
