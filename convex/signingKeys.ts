/**
 * Rotating the key that signs the Convex JWTs (docs/deploying.md, "Rotating
 * the signing key"). Operators only: internal functions, reached with the
 * deployment's admin key.
 *
 *   npx convex run signingKeys:list     the keys, which one signs, when each may go
 *   npx convex run signingKeys:rotate   a new key signs from now on; the old one
 *                                       stays until its tokens have expired, then
 *                                       is removed (scheduled)
 *   npx convex run signingKeys:retire   removes now the keys whose tokens have all
 *                                       expired; '{"kid": "…"}' one of them, and
 *                                       refuses one that may still have live tokens
 *   … retire '{"kid": "…", "compromised": true}'   removes a leaked key at once
 *
 * Rotating also mends a changed BETTER_AUTH_SECRET: keys are stored
 * encrypted under it, and Better Auth can't sign with one it can't decrypt
 * (the token route then answers 500); the new key is encrypted under the
 * current secret. `list` says which keys decrypt.
 */
import { v } from "convex/values";
import { symmetricDecrypt, type SecretConfig } from "better-auth/crypto";
import { createJwk } from "better-auth/plugins/jwt";
import type { GenericEndpointContext } from "@better-auth/core";
import { internal } from "./_generated/api";
import {
  internalAction,
  internalMutation,
  internalQuery,
  type MutationCtx,
} from "./_generated/server";
import { createAuth } from "./auth";
import authConfig from "./auth.config";
import { jwtLifetimeSeconds } from "./env";
import {
  deleteSigningKey,
  retirementDelayMs,
  signingKeyStates,
  storedSigningKeys,
  type SigningKeyState,
  type StoredSigningKey,
} from "./model/signingKeys";

/** A key as the commands report it (times in ISO 8601, UTC). */
export type SigningKeyReport = {
  kid: string;
  createdAt: string;
  signs: boolean;
  signedUntil: string | null;
  removableFrom: string | null;
};

export type SigningKeyListing = {
  keys: (SigningKeyReport & { decryptsWithCurrentSecret: boolean })[];
  summary: string;
};

export type RotationResult = {
  /** The new key: it signs every token from now on. */
  signingKid: string;
  /** Still in the JWKS, verifying the tokens they signed until they expire. */
  previousKids: string[];
  /** When the scheduled removal of the previous keys runs; null if none. */
  removalAt: string | null;
  summary: string;
};

export type RetirementResult = {
  removed: string[];
  kept: SigningKeyReport[];
  summary: string;
};

const iso = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString();

function report(key: SigningKeyState): SigningKeyReport {
  return {
    kid: key.kid,
    createdAt: iso(key.createdAt)!,
    signs: key.signs,
    signedUntil: iso(key.signedUntil),
    removableFrom: iso(key.removableFrom),
  };
}

function minutesFrom(now: number, at: number): string {
  return `${Math.max(0, Math.ceil((at - now) / 60_000))} min`;
}

/** The keys now, with the deployment's JWT lifetime. */
async function currentStates(
  ctx: Parameters<typeof storedSigningKeys>[0],
): Promise<{ keys: StoredSigningKey[]; states: SigningKeyState[] }> {
  const keys = await storedSigningKeys(ctx);
  const delay = retirementDelayMs(jwtLifetimeSeconds());
  return { keys, states: signingKeyStates(keys, delay) };
}

/** Whether Better Auth can decrypt this private key to sign with it. */
async function decrypts(
  key: StoredSigningKey,
  secret: string | SecretConfig,
): Promise<boolean> {
  try {
    // Stored as createJwk writes it: the ciphertext, JSON-encoded
    // (better-auth/dist/plugins/jwt/sign.mjs reads it back the same way).
    await symmetricDecrypt({ key: secret, data: JSON.parse(key.privateKey) });
    return true;
  } catch {
    return false;
  }
}

export const list = internalQuery({
  args: {},
  handler: async (ctx): Promise<SigningKeyListing> => {
    const { keys, states } = await currentStates(ctx);
    const { secretConfig } = await createAuth(ctx).$context;
    const reports = await Promise.all(
      states.map(async (state) => ({
        ...report(state),
        decryptsWithCurrentSecret: await decrypts(
          keys.find((key) => key._id === state.kid)!,
          secretConfig,
        ),
      })),
    );
    const signing = reports.find((key) => key.signs);
    const summary = !signing
      ? "No signing key yet: Better Auth creates one with the first token."
      : [
          `${reports.length} key(s); ${signing.kid} signs new tokens.`,
          ...(signing.decryptsWithCurrentSecret
            ? []
            : [
                `It was encrypted under another BETTER_AUTH_SECRET, so no token can be signed: run signingKeys:rotate.`,
              ]),
          ...reports
            .filter((key) => !key.signs)
            .map(
              (key) =>
                `${key.kid} signed until ${key.signedUntil}; removable from ${key.removableFrom}.`,
            ),
        ].join(" ");
    return { keys: reports, summary };
  },
});

/**
 * The key pair Better Auth's Convex plugin generates: the algorithm of the
 * provider in convex/auth.config.ts (`getJwksAlg` in the plugin).
 */
const KEY_OPTIONS = {
  jwks: { keyPairConfig: { alg: authConfig.providers[0].algorithm } },
};

export const rotate = internalAction({
  args: {},
  handler: async (ctx): Promise<RotationResult> => {
    const { $context } = createAuth(ctx);
    // createJwk generates the pair, encrypts the private key under the
    // secret and stores the row through the adapter, reading nothing but
    // `ctx.context` (better-auth/dist/plugins/jwt/utils.mjs); this runs
    // outside any request, so that is all the context there is.
    const endpoint = { context: await $context } as GenericEndpointContext;
    const created = await createJwk(endpoint, KEY_OPTIONS);
    const { states } = await currentStates(ctx);
    const previous = states.filter((key) => !key.signs);
    const removalAt = previous.length
      ? Math.max(...previous.map((key) => key.removableFrom!))
      : null;
    if (removalAt !== null) {
      await ctx.scheduler.runAt(removalAt, internal.signingKeys.retireWhenDue);
    }
    const signing = states.find((key) => key.signs)!;
    if (signing.kid !== created.id) {
      // Another rotation at the same moment: the newest key signs, either way.
      console.warn(`${signing.kid} is newer than the key just made.`);
    }
    const now = Date.now();
    const summary = [
      `${signing.kid} signs new tokens from now on.`,
      previous.length
        ? `${previous.map((key) => key.kid).join(", ")} stay(s) in the JWKS, so tokens signed before keep working until they expire; removed at ${iso(removalAt)} (in ${minutesFrom(now, removalAt!)}, scheduled). Signed-in users notice nothing: their next token uses the new key.`
        : "There was no key before it.",
    ].join(" ");
    return {
      signingKid: signing.kid,
      previousKids: previous.map((key) => key.kid),
      removalAt: iso(removalAt),
      summary,
    };
  },
});

/** Removes the keys every token of which has expired; reports the rest. */
async function removeDueKeys(
  ctx: MutationCtx,
  only?: string,
  compromised = false,
): Promise<RetirementResult & { pending: SigningKeyState[] }> {
  const now = Date.now();
  const { states } = await currentStates(ctx);
  // A leaked key goes at once: the tokens it signed are refused from now on,
  // and their holders ask for new ones (the SPA does, and stays signed in).
  const due = (key: SigningKeyState) =>
    key.removableFrom !== null &&
    (key.removableFrom <= now || (compromised && key.kid === only));
  if (only !== undefined) {
    const key = states.find((candidate) => candidate.kid === only);
    if (!key) {
      throw new Error(
        `No signing key "${only}". The keys: ${states.map((candidate) => candidate.kid).join(", ") || "none"} (npx convex run signingKeys:list).`,
      );
    }
    if (key.signs) {
      throw new Error(
        `${only} signs new tokens, so it can't be removed: run signingKeys:rotate first; ${only} can go once the tokens it signed have expired.`,
      );
    }
    if (!due(key)) {
      throw new Error(
        `${only} signed tokens until ${iso(key.signedUntil)}, and they may be used until they expire: it can be removed from ${iso(key.removableFrom)} (in ${minutesFrom(now, key.removableFrom!)}). signingKeys:rotate scheduled that already. If the key leaked, add "compromised": true to remove it now.`,
      );
    }
  }
  const removed = states.filter(
    (key) => due(key) && (only === undefined || key.kid === only),
  );
  for (const key of removed) await deleteSigningKey(ctx, key.kid);
  const kept = states.filter((key) => !removed.includes(key));
  const pending = kept.filter((key) => !key.signs);
  const summary = [
    removed.length
      ? `Removed ${removed.map((key) => key.kid).join(", ")} from the JWKS.`
      : "No key was due for removal.",
    ...kept.map((key) =>
      key.signs
        ? `${key.kid} signs new tokens.`
        : `${key.kid} stays until ${iso(key.removableFrom)} (in ${minutesFrom(now, key.removableFrom!)}).`,
    ),
  ].join(" ");
  return {
    removed: removed.map((key) => key.kid),
    kept: kept.map(report),
    summary,
    pending,
  };
}

export const retire = internalMutation({
  args: { kid: v.optional(v.string()), compromised: v.optional(v.boolean()) },
  handler: async (ctx, { kid, compromised }): Promise<RetirementResult> => {
    if (compromised && kid === undefined) {
      throw new Error(
        'Name the leaked key: retire \'{"kid": "…", "compromised": true}\' (npx convex run signingKeys:list shows the kids).',
      );
    }
    const { pending: _pending, ...result } = await removeDueKeys(
      ctx,
      kid,
      compromised,
    );
    return result;
  },
});

/**
 * What `rotate` schedules. A key not due yet (the JWT lifetime was raised
 * since) gets another run when it is.
 */
export const retireWhenDue = internalMutation({
  args: {},
  handler: async (ctx): Promise<RetirementResult> => {
    const { pending, ...result } = await removeDueKeys(ctx);
    if (pending.length) {
      const next = Math.min(...pending.map((key) => key.removableFrom!));
      await ctx.scheduler.runAt(next, internal.signingKeys.retireWhenDue);
    }
    return result;
  },
});
