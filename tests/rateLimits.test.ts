/**
 * Rate limits on the auth endpoints key only on what a client can't choose:
 * the email, the endpoint overall, and the IP only from the header the
 * operator declares (TRUSTED_IP_HEADER). A limiter that fails answers 503
 * with Retry-After, never 500.
 */
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import { mutationGeneric } from "convex/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  appUsers,
  makeBackend,
  newUser,
  setTestEnv,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";

afterEach(() => {
  setTestEnv();
  delete process.env.TRUSTED_IP_HEADER;
  vi.restoreAllMocks();
});

function post(
  t: Backend,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.fetch(`/api/auth${path}`, {
    method: "POST",
    headers: {
      origin: SITE_URL,
      "content-type": "application/json",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

const resetFor = (email: string) => ({
  email,
  redirectTo: `${SITE_URL}/reset-password`,
});

const count = (statuses: number[], status: number) =>
  statuses.filter((s) => s === status).length;

/** The error Convex gives a mutation whose retries ran out on write conflicts. */
const RETRIES_RAN_OUT =
  'Documents read from or written to the "rateLimits" table changed while this mutation was being run and on every subsequent retry. Another call to this mutation changed the document with ID "k97fpk1vc2cq5hfe6pn1a3vc057vdyzf". See https://docs.convex.dev/error#1';

/**
 * Re-registers the real rate-limiter component with its `rateLimit` mutation
 * failing as Convex fails it when retries run out, whenever `fails()` says so.
 */
function limiterFailing(t: Backend, fails: () => boolean) {
  const modules = { ...rateLimiterTest.modules };
  const original = modules["./component/lib.ts"]!;
  modules["./component/lib.ts"] = async () => {
    const lib = (await original()) as Record<string, unknown>;
    const real = lib.rateLimit as unknown as {
      _handler: (ctx: unknown, args: unknown) => Promise<unknown>;
    };
    return {
      ...lib,
      rateLimit: mutationGeneric(async (ctx, args) => {
        if (fails()) throw new Error(RETRIES_RAN_OUT);
        return await real._handler(ctx, args);
      }),
    };
  };
  t.registerComponent("rateLimiter", rateLimiterTest.schema, modules);
}

describe("rate limits on the auth endpoints", () => {
  // The clock stands still during each burst, so a slow machine can't refill
  // a bucket while it is still going and the counts are exact.
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  test("200 wrong passwords, each from a made-up X-Forwarded-For: 429s, no 500s; another user still signs in", async () => {
    const t = makeBackend();
    const victim = newUser("victim");
    const legit = newUser("legit");
    await signUp(t, victim);
    await signUp(t, legit);

    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(
          t,
          "/sign-in/email",
          { email: victim.email, password: "wrong password!" },
          { "x-forwarded-for": `10.0.${i >> 8}.${i & 255}` },
        ),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // 15 attempts per email a minute: a fresh "IP" per request buys nothing.
    expect(count(statuses, 401)).toBeLessThanOrEqual(15);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(185);

    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Try again in \d+ seconds/),
    });

    // Even the right password, from yet another "IP", is refused for now…
    const right = await post(t, "/sign-in/email", victim, {
      "x-forwarded-for": "198.51.100.1",
    });
    expect(right.status).toBe(429);
    // …but another user is not affected.
    expect((await post(t, "/sign-in/email", legit)).status).toBe(200);
  });

  test("password-reset emails are limited per address, with or without forwarding headers", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const headers: Record<string, string> =
        i % 2 ? { "x-forwarded-for": `192.0.2.${i}` } : {};
      statuses.push(
        (
          await post(
            t,
            "/request-password-reset",
            resetFor(user.email),
            headers,
          )
        ).status,
      );
    }
    // 15 an hour, in 3 shards of 5: never more, and the tail is refused.
    expect(count(statuses, 200)).toBeLessThanOrEqual(15);
    expect(count(statuses, 200)).toBeGreaterThanOrEqual(10);
    expect(count(statuses, 200) + count(statuses, 429)).toBe(20);
    expect(statuses.at(-1)).toBe(429);
  });

  test("each endpoint has an overall limit that rotating emails can't get around", async () => {
    const t = makeBackend();
    const statuses: number[] = [];
    for (let i = 0; i < 110; i++) {
      const response = await post(
        t,
        "/request-password-reset",
        resetFor(`nobody${i}@example.com`),
        { "x-forwarded-for": `203.0.113.${i}` },
      );
      statuses.push(response.status);
    }
    // 100 a minute for everyone together.
    expect(count(statuses, 200)).toBeLessThanOrEqual(100);
    expect(count(statuses, 200)).toBeGreaterThanOrEqual(90);
    expect(count(statuses, 429)).toBe(110 - count(statuses, 200));
    expect(statuses.at(-1)).toBe(429);
    // Sign-in has a bucket of its own.
    const signIn = await post(t, "/sign-in/email", {
      email: "nobody@example.com",
      password: "wrong password!",
    });
    expect(signIn.status).toBe(401);
  });

  test("starting a social sign-in goes through the limiter too: each start stores an OAuth state", async () => {
    const t = makeBackend();
    process.env.GITHUB_CLIENT_ID = "gh-client";
    process.env.GITHUB_CLIENT_SECRET = "gh-secret-value-123";
    try {
      const start = () =>
        post(t, "/sign-in/social", {
          provider: "github",
          callbackURL: `${SITE_URL}/`,
        });
      expect((await start()).status).toBe(200);
      vi.spyOn(console, "error").mockImplementation(() => {});
      limiterFailing(t, () => true);
      const refused = await start();
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({
        code: "RATE_LIMIT_UNAVAILABLE",
      });
    } finally {
      delete process.env.GITHUB_CLIENT_ID;
      delete process.env.GITHUB_CLIENT_SECRET;
    }
  });

  test("per IP only from the header the operator names; the last entry of a list", async () => {
    const t = makeBackend();
    process.env.TRUSTED_IP_HEADER = "X-Forwarded-For";
    const fromIp = async (i: number, forwardedFor: string) =>
      (
        await post(
          t,
          "/request-password-reset",
          resetFor(`someone${i}@example.com`),
          { "x-forwarded-for": forwardedFor },
        )
      ).status;
    const statuses: number[] = [];
    // The client varies what it sends; the operator's proxy appends the
    // address it saw, which is what counts.
    for (let i = 0; i < 30; i++) {
      statuses.push(await fromIp(i, `10.9.8.${i}, 203.0.113.50`));
    }
    // 20 emails per IP in 15 minutes, in 4 shards of 5.
    expect(count(statuses, 200)).toBeLessThanOrEqual(20);
    expect(count(statuses, 200)).toBeGreaterThanOrEqual(15);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not affected.
    expect(await fromIp(100, "203.0.113.51")).toBe(200);

    // A header name that can't be one is a configuration error: 503, not 500.
    process.env.TRUSTED_IP_HEADER = "X-Forwarded-For: 1.2.3.4";
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await post(
      t,
      "/request-password-reset",
      resetFor("x@example.com"),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBeTruthy();
  });

  test("when the limiter's retries run out, requests get 503 with Retry-After, never 500, and nothing is written", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let calls = 0;
    // Every other limiter call conflicts to the end, as under a burst.
    limiterFailing(t, () => calls++ % 2 === 1);

    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? post(t, "/sign-in/email", {
              email: user.email,
              password: "wrong password!",
            })
          : post(t, "/sign-up/email", newUser("burst")),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(count(statuses, 503)).toBeGreaterThan(0);
    for (const response of burst.filter((r) => r.status === 503)) {
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await response.json()).toMatchObject({
        code: "RATE_LIMIT_UNAVAILABLE",
      });
    }
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining("the limiter failed"),
    );

    // A refused sign-up wrote nothing: only the accepted ones have users.
    const accepted = burst.filter(
      (r, i) => i % 2 === 0 && r.status === 200,
    ).length;
    expect(await appUsers(t)).toHaveLength(1 + accepted);

    // With the limiter down entirely, everything limited is refused the same way.
    limiterFailing(t, () => true);
    const down = await post(t, "/sign-in/email", user);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("2");
  });
});
