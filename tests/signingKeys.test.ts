/**
 * Rotating the key that signs the Convex JWTs (convex/signingKeys.ts), on the
 * real Better Auth routes and component: with two keys the token route works
 * (get-convex/better-auth#427 is the static-JWKS variant of that bug) and the
 * JWKS lists both; tokens signed before the rotation verify until they
 * expire; new ones carry the new `kid`; the old key leaves only once every
 * token it signed has expired, and the key that signs never does.
 * The clock is Vitest's (Date and timers), moved past the lifetimes.
 */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import { createAuth } from "../convex/auth";
import {
  retirementDelayMs,
  storedSigningKeys,
} from "../convex/model/signingKeys";
import {
  authFetch,
  makeBackend,
  newUser,
  signUp,
  type Backend,
} from "./support/backend";

const LIFETIME_MS = 15 * 60_000;
const DELAY_MS = retirementDelayMs(LIFETIME_MS / 1000);

afterEach(() => {
  vi.useRealTimers();
});

/** A Convex JWT for the session, from the token route. */
async function tokenFor(t: Backend, cookie: string): Promise<string> {
  const response = await authFetch(t, "/convex/token", { cookie });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

async function jwksKids(t: Backend): Promise<string[]> {
  const response = await t.fetch("/api/auth/convex/jwks");
  expect(response.status).toBe(200);
  const { keys } = (await response.json()) as { keys: { kid: string }[] };
  return keys.map((key) => key.kid).sort();
}

/**
 * The caller Convex would see for this token: verified against the JWKS the
 * deployment serves now (issuer, audience, signature, `exp` with Convex's
 * 5 s leeway), then the query as that user. Throws if Convex would refuse it.
 */
async function meWith(t: Backend, token: string) {
  const jwks = (await (
    await t.fetch("/api/auth/convex/jwks")
  ).json()) as Parameters<typeof createLocalJWKSet>[0];
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
    issuer: process.env.CONVEX_SITE_URL,
    audience: "convex",
    clockTolerance: 5,
  });
  return await t
    .withIdentity({
      subject: payload.sub,
      issuer: payload.iss,
      tokenIdentifier: `${payload.iss}|${payload.sub}`,
      sessionId: payload.sessionId as string,
    })
    .query(api.users.me, {});
}

/** Lets the scheduled functions due by now run (fake timers). */
async function runDue(t: Backend, ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await t.finishInProgressScheduledFunctions();
}

describe("signing-key rotation", () => {
  test("with two keys, tokens of either verify and new ones use the new key", async () => {
    const t = makeBackend();
    const user = newUser("rot");
    const { cookie } = await signUp(t, user);
    const before = await tokenFor(t, cookie);
    const [first] = await t.run(async (ctx) => await storedSigningKeys(ctx));
    expect(kidOf(before)).toBe(first!._id);

    const rotation = await t.action(internal.signingKeys.rotate, {});
    expect(rotation.previousKids).toEqual([first!._id]);
    expect(rotation.signingKid).not.toBe(first!._id);
    expect(rotation.summary).toContain(
      `${rotation.signingKid} signs new tokens`,
    );

    // Two keys in the table: the token route still answers (no #427 throw).
    const after = await tokenFor(t, cookie);
    expect(kidOf(after)).toBe(rotation.signingKid);
    expect(await jwksKids(t)).toEqual([first!._id, rotation.signingKid].sort());
    // Convex caches a JWKS as its Cache-Control says: none, so a deployment
    // sees a new key at once (the rotation relies on it: JWKS_CACHE_MS).
    const jwks = await t.fetch("/api/auth/convex/jwks");
    expect(jwks.headers.get("cache-control")).toBeNull();
    expect(jwks.headers.get("expires")).toBeNull();
    expect(await meWith(t, before)).toMatchObject({ email: user.email });
    expect(await meWith(t, after)).toMatchObject({ email: user.email });

    const listing = await t.query(internal.signingKeys.list, {});
    expect(listing.keys.map((key) => [key.kid, key.signs])).toEqual([
      [rotation.signingKid, true],
      [first!._id, false],
    ]);
    expect(listing.keys.every((key) => key.decryptsWithCurrentSecret)).toBe(
      true,
    );
  });

  test("the old key goes only once its tokens have expired, and the signing key never", async () => {
    const t = makeBackend();
    const { cookie } = await signUp(t, newUser("retire"));
    const before = await tokenFor(t, cookie);
    vi.useFakeTimers({ now: Date.now() });
    const { signingKid, removalAt } = await t.action(
      internal.signingKeys.rotate,
      {},
    );
    const old = kidOf(before)!;
    const rotatedAt = (await t.query(internal.signingKeys.list, {})).keys[0]!
      .createdAt;
    expect(Date.parse(removalAt!)).toBe(Date.parse(rotatedAt) + DELAY_MS);
    // The delay covers the lifetime, Convex's leeway and a margin.
    expect(DELAY_MS).toBeGreaterThan(LIFETIME_MS + 5_000);

    await expect(
      t.mutation(internal.signingKeys.retire, { kid: old }),
    ).rejects.toThrow(`it can be removed from ${removalAt}`);
    await expect(
      t.mutation(internal.signingKeys.retire, { kid: signingKid }),
    ).rejects.toThrow("signs new tokens, so it can't be removed");
    expect((await t.mutation(internal.signingKeys.retire, {})).removed).toEqual(
      [],
    );

    // Until it expires, the token signed before the rotation still works.
    await runDue(t, LIFETIME_MS - 60_000);
    await expect(meWith(t, before)).resolves.not.toBeNull();
    await runDue(t, 60_000 + 6_000);
    await expect(meWith(t, before)).rejects.toThrow(/exp/);

    // A moment before it is due, nothing has removed it.
    await runDue(t, Date.parse(removalAt!) - Date.now() - 1_000);
    await expect(
      t.mutation(internal.signingKeys.retire, { kid: old }),
    ).rejects.toThrow("it can be removed from");
    expect(await jwksKids(t)).toContain(old);

    // Then the scheduled removal runs; the new key alone is left, and signs.
    await runDue(t, 1_000);
    expect(await jwksKids(t)).toEqual([signingKid]);
    const fresh = await tokenFor(t, cookie);
    expect(kidOf(fresh)).toBe(signingKid);
    await expect(meWith(t, fresh)).resolves.not.toBeNull();
    await expect(
      t.mutation(internal.signingKeys.retire, { kid: signingKid }),
    ).rejects.toThrow("signs new tokens");
  });

  test("retire removes a due key on demand; unknown keys are named", async () => {
    const t = makeBackend();
    const { cookie } = await signUp(t, newUser("manual"));
    const old = kidOf(await tokenFor(t, cookie))!;
    vi.useFakeTimers({ now: Date.now() });
    await t.action(internal.signingKeys.rotate, {});
    // The clock moves, the scheduled removal doesn't run (no timers fire).
    vi.setSystemTime(Date.now() + DELAY_MS);
    const result = await t.mutation(internal.signingKeys.retire, { kid: old });
    expect(result.removed).toEqual([old]);
    expect(result.summary).toContain(`Removed ${old} from the JWKS.`);
    await expect(
      t.mutation(internal.signingKeys.retire, { kid: old }),
    ).rejects.toThrow(`No signing key "${old}"`);
  });

  test("a leaked key goes at once when said so; the signing key never", async () => {
    const t = makeBackend();
    const { cookie } = await signUp(t, newUser("leaked"));
    const before = await tokenFor(t, cookie);
    const { signingKid } = await t.action(internal.signingKeys.rotate, {});
    await expect(
      t.mutation(internal.signingKeys.retire, { compromised: true }),
    ).rejects.toThrow("Name the leaked key");
    await expect(
      t.mutation(internal.signingKeys.retire, {
        kid: signingKid,
        compromised: true,
      }),
    ).rejects.toThrow("signs new tokens");
    const result = await t.mutation(internal.signingKeys.retire, {
      kid: kidOf(before)!,
      compromised: true,
    });
    expect(result.removed).toEqual([kidOf(before)]);
    // Unexpired, but its key is gone: refused.
    await expect(meWith(t, before)).rejects.toThrow(/no applicable key/i);
    await expect(meWith(t, await tokenFor(t, cookie))).resolves.not.toBeNull();
  });

  test("a longer JWT lifetime set after the rotation keeps the old key longer", async () => {
    const t = makeBackend();
    const { cookie } = await signUp(t, newUser("longer"));
    const old = kidOf(await tokenFor(t, cookie))!;
    vi.useFakeTimers({ now: Date.now() });
    const { removalAt } = await t.action(internal.signingKeys.rotate, {});
    process.env.JWT_LIFETIME_SECONDS = String(30 * 60);
    await runDue(t, Date.parse(removalAt!) - Date.now());
    expect(await jwksKids(t)).toContain(old);
    // The scheduled run came back for it when it was due.
    await runDue(t, 15 * 60_000);
    expect(await jwksKids(t)).not.toContain(old);
  });

  test("the JWKS route answers as Better Auth's own, before a key and after rotations", async () => {
    const t = makeBackend();
    // Better Auth's endpoint behind /api/auth/convex/jwks, which convex/http.ts
    // serves from the table instead.
    const betterAuths = async () =>
      await t.run(async (ctx) => await createAuth(ctx).api.getJwks());
    const served = async () => {
      const response = await t.fetch("/api/auth/convex/jwks");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain(
        "application/json",
      );
      expect(response.headers.get("cache-control")).toBeNull();
      return (await response.json()) as { keys: { kid: string }[] };
    };
    // No key yet: the route makes the first one, as Better Auth's does.
    const first = await served();
    expect(first.keys).toHaveLength(1);
    expect(first).toEqual(await betterAuths());
    await t.action(internal.signingKeys.rotate, {});
    await t.action(internal.signingKeys.rotate, {});
    const three = await served();
    expect(three.keys).toHaveLength(3);
    expect(three).toEqual(await betterAuths());
  });

  test("after BETTER_AUTH_SECRET changed, signing fails until a rotation", async () => {
    const t = makeBackend();
    await signUp(t, newUser("before"));
    process.env.BETTER_AUTH_SECRET =
      "another-secret-that-is-long-enough-for-better-auth-9876543210";
    const { cookie } = await signUp(t, newUser("after"));
    const refused = await authFetch(t, "/convex/token", { cookie });
    expect(refused.status).toBe(500);
    const listing = await t.query(internal.signingKeys.list, {});
    expect(listing.keys[0]!.decryptsWithCurrentSecret).toBe(false);
    expect(listing.summary).toContain("run signingKeys:rotate");

    const { signingKid } = await t.action(internal.signingKeys.rotate, {});
    expect(kidOf(await tokenFor(t, cookie))).toBe(signingKid);
    const mended = await t.query(internal.signingKeys.list, {});
    expect(mended.keys.map((key) => key.decryptsWithCurrentSecret)).toEqual([
      true,
      false,
    ]);
  });
});
