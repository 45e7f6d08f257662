/**
 * The keys that sign the Convex JWTs, as Better Auth's Convex plugin keeps
 * them (the component's `jwks` table, one row per key, its id the JWT's
 * `kid`), and the rule for when one may leave the JWKS. A helper module, no
 * functions: the operator commands are in convex/signingKeys.ts.
 *
 * Better Auth signs with the newest key (`getLatestKey`: newest `createdAt`)
 * and the JWKS route lists every row, so a new row starts signing at once
 * while the old ones keep verifying. A key stops signing when a newer one is
 * added; a token it signed then lives at most the JWT lifetime, and Convex
 * accepts it 5 s past `exp`. Convex fetches the JWKS through an HTTP cache
 * that keeps it as long as the response's Cache-Control says; the JWKS route
 * sends none, so every token check reads the current keys (no stale set to
 * wait out), and a token whose `kid` isn't listed is refused, without a
 * refetch. Checked in get-convex/convex-backend, docs/deploying.md says
 * where ("Rotating the signing key").
 */
import type { Infer } from "convex/values";
import { components } from "../_generated/api";
import type { ActionCtx, MutationCtx } from "../_generated/server";
import type authSchema from "../betterAuth/schema";

/** Convex's leeway on `exp` (`epsilon` in crates/authentication/src/lib.rs). */
export const CONVEX_EXPIRY_LEEWAY_MS = 5_000;
/**
 * How long Convex may serve a cached JWKS: the route's Cache-Control says,
 * and it sends none. A `max-age` added there must be added here, and a new
 * key would then have to be listed that long before it signs.
 */
export const JWKS_CACHE_MS = 0;
/**
 * For a token request that read the keys just before a rotation and signs
 * with the old one just after, and for clocks that differ a little.
 */
export const RETIREMENT_MARGIN_MS = 5 * 60_000;

/** How long after a key stops signing every token it signed has expired. */
export function retirementDelayMs(jwtLifetimeSeconds: number): number {
  return (
    jwtLifetimeSeconds * 1000 +
    CONVEX_EXPIRY_LEEWAY_MS +
    JWKS_CACHE_MS +
    RETIREMENT_MARGIN_MS
  );
}

/** A row of the component's `jwks` table. */
export type StoredSigningKey = Infer<
  typeof authSchema.tables.jwks.validator
> & {
  _id: string;
};

/** A key, with what it does now and when it may go. */
export type SigningKeyState = {
  kid: string;
  createdAt: number;
  /** Better Auth signs new tokens with this one. */
  signs: boolean;
  /** When a newer key took over; null for the key that signs. */
  signedUntil: number | null;
  /** When every token it signed has expired; null for the key that signs. */
  removableFrom: number | null;
};

/**
 * The keys newest first, as Better Auth picks the signing one: by
 * `createdAt`, ties in the order the adapter returns them (a stable sort
 * over the same query the plugin makes).
 */
export function signingKeyStates(
  keys: StoredSigningKey[],
  delayMs: number,
): SigningKeyState[] {
  const newestFirst = [...keys].sort((a, b) => b.createdAt - a.createdAt);
  return newestFirst.map((key, index) => {
    // It signed until the next newer key was added.
    const signedUntil = index === 0 ? null : newestFirst[index - 1]!.createdAt;
    return {
      kid: key._id,
      createdAt: key.createdAt,
      signs: index === 0,
      signedUntil,
      removableFrom: signedUntil === null ? null : signedUntil + delayMs,
    };
  });
}

type RunQueryCtx = { runQuery: ActionCtx["runQuery"] };

/** Every stored key (a handful: one per rotation not yet retired). */
export async function storedSigningKeys(
  ctx: RunQueryCtx,
): Promise<StoredSigningKey[]> {
  const keys: StoredSigningKey[] = [];
  let cursor: string | null = null;
  for (;;) {
    const result: {
      page: StoredSigningKey[];
      continueCursor: string;
      isDone: boolean;
    } = await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "jwks",
      // The plugin's own query (`getJwks`), so the order of ties matches.
      sortBy: { field: "createdAt", direction: "desc" },
      paginationOpts: { numItems: 100, cursor },
    });
    keys.push(...result.page);
    if (result.isDone) return keys;
    cursor = result.continueCursor;
  }
}

/** Better Auth's jwt plugin's default `jwks.gracePeriod`: 30 days. */
const EXPIRED_KEY_GRACE_MS = 30 * 24 * 60 * 60_000;

/** A public key as the JWKS lists it. */
export type PublicJwk = { alg: string; kid: string } & Record<string, unknown>;

/**
 * The JWKS Better Auth's route (`getJwks` of its jwt plugin, behind the
 * Convex plugin's `/convex/jwks`) answers for these rows, in their order:
 * keys past `expiresAt` plus the grace period left out, the algorithm the
 * plugin signs with, the key's public half, its id as `kid`.
 */
export function publicJwks(
  keys: StoredSigningKey[],
  algorithm: string,
  now = Date.now(),
): { keys: PublicJwk[] } {
  return {
    keys: keys
      .filter(
        (key) => !key.expiresAt || key.expiresAt + EXPIRED_KEY_GRACE_MS > now,
      )
      .map((key) => ({
        alg: algorithm,
        ...(JSON.parse(key.publicKey) as Record<string, unknown>),
        kid: key._id,
      })),
  };
}

/** Removes a key from the table, and so from the JWKS. */
export async function deleteSigningKey(
  ctx: Pick<MutationCtx, "runMutation">,
  kid: string,
): Promise<void> {
  await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
    input: { model: "jwks", where: [{ field: "_id", value: kid }] },
  });
}
