/**
 * Rate limits on the auth endpoints key only on what a client can't choose:
 * the email, the endpoint overall, and the IP only from the header the
 * operator declares (TRUSTED_IP_HEADER). A limiter that fails answers 503
 * with Retry-After, never 500.
 */
import rateLimiterTest from "@convex-dev/rate-limiter/test";
import { mutationGeneric } from "convex/server";
import { internal } from "../convex/_generated/api";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  appUsers,
  finishScheduled,
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
  delete process.env.AUTH_SHARED_LIMIT_PER_MINUTE;
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

/** Signs in; returns the device token the browser is handed. */
async function deviceTokenOf(
  t: Backend,
  user: { email: string; password: string },
): Promise<string> {
  const response = await post(t, "/sign-in/email", user);
  expect(response.status).toBe(200);
  const token = response.headers.get("x-set-device-token");
  expect(token).toBeTruthy();
  return token!;
}

const deviceHeader = (token: string) => ({ "x-device-tokens": token });

const mails = async (t: Backend, to: string) =>
  await t.query(internal.devMailbox.list, { to });

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

  test("200 wrong passwords, each from a made-up X-Forwarded-For: 429s, no 500s; the owner's browser and other users still sign in", async () => {
    const t = makeBackend();
    const victim = newUser("victim");
    const legit = newUser("legit");
    await signUp(t, victim);
    await signUp(t, legit);
    // Browsers each signed in before: they hold device tokens.
    const ownersBrowser = await deviceTokenOf(t, victim);
    const legitsBrowser = await deviceTokenOf(t, legit);

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
    // 10 failures per address in 15 minutes for strangers: a fresh "IP"
    // per request buys nothing.
    expect(count(statuses, 401)).toBe(10);
    expect(count(statuses, 429)).toBe(190);

    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Try again in \d+ seconds/),
    });

    // A guesser without the owner's device token is refused even with the
    // right password…
    const stranger = await post(t, "/sign-in/email", victim, {
      "x-forwarded-for": "198.51.100.1",
    });
    expect(stranger.status).toBe(429);
    // …while the owner, from a browser they used before, signs in…
    expect(
      (await post(t, "/sign-in/email", victim, deviceHeader(ownersBrowser)))
        .status,
    ).toBe(200);
    // …and another user is not affected at all.
    expect(
      (await post(t, "/sign-in/email", legit, deviceHeader(legitsBrowser)))
        .status,
    ).toBe(200);
    expect((await post(t, "/sign-in/email", legit)).status).toBe(200);
  });

  test("successes cost nothing: only failures are counted", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    for (let i = 0; i < 15; i++) {
      expect((await post(t, "/sign-in/email", user)).status).toBe(200);
    }
    for (let i = 0; i < 9; i++) {
      expect(
        (await post(t, "/sign-in/email", { ...user, password: "wrong one!" }))
          .status,
      ).toBe(401);
    }
    expect((await post(t, "/sign-in/email", user)).status).toBe(200);
  });

  test("a device token is the owner's alone: another address, a forged or a stranger's token buy nothing", async () => {
    const t = makeBackend();
    const victim = newUser("victim");
    const attacker = newUser("attacker");
    await signUp(t, victim);
    await signUp(t, attacker);
    const attackersToken = await deviceTokenOf(t, attacker);
    const [deviceId] = attackersToken.split(".");
    const forged = `${deviceId}.${"A".repeat(43)}=`;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      statuses.push(
        (
          await post(
            t,
            "/sign-in/email",
            { email: victim.email, password: "wrong password!" },
            deviceHeader(i % 2 ? attackersToken : forged),
          )
        ).status,
      );
    }
    expect(count(statuses, 401)).toBe(10);
    expect(count(statuses, 429)).toBe(4);
  });

  test("a flood of wrong passwords over rotating addresses: strangers hit the shared ceiling, known browsers don't", async () => {
    const t = makeBackend();
    process.env.AUTH_SHARED_LIMIT_PER_MINUTE = "20";
    const owner = newUser("owner");
    await signUp(t, owner);
    const ownersBrowser = await deviceTokenOf(t, owner);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push(
        (
          await post(t, "/sign-in/email", {
            email: `nobody${i}@example.com`,
            password: "wrong password!",
          })
        ).status,
      );
    }
    // 20 failures a minute for all strangers together (in 10 shards: the
    // count, not which request, is exact).
    expect(count(statuses, 401)).toBeLessThanOrEqual(20);
    expect(count(statuses, 401)).toBeGreaterThanOrEqual(10);
    expect(count(statuses, 429)).toBe(30 - count(statuses, 401));
    // The owner's browser is not a stranger.
    expect(
      (await post(t, "/sign-in/email", owner, deviceHeader(ownersBrowser)))
        .status,
    ).toBe(200);
  });

  test("no more than 5 emails an hour to one address, across every route that mails", async () => {
    const t = makeBackend();
    const target = newUser("target");
    const signedUp = await signUp(t, target);
    const before = (await mails(t, target.email)).length;
    // Signing up mailed the first; four more, by four routes.
    const statuses = [
      (
        await post(t, "/sign-in/magic-link", {
          email: target.email,
          callbackURL: `${SITE_URL}/`,
        })
      ).status,
      (
        await post(t, "/sign-up/email", {
          ...target,
          name: "Visit evil.example now",
        })
      ).status,
      (await post(t, "/send-verification-email", { email: target.email }))
        .status,
      (await post(t, "/request-password-reset", resetFor(target.email))).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 200]);
    // The sixth, by any route, is refused: a signed-in user changing their
    // address to this one included.
    const other = newUser("other");
    const otherSession = await signUp(t, other);
    const sixth = await t.fetch("/api/auth/change-email", {
      method: "POST",
      headers: {
        origin: SITE_URL,
        "content-type": "application/json",
        cookie: otherSession.cookie,
      },
      body: JSON.stringify({ newEmail: target.email }),
    });
    expect(sixth.status).toBe(429);
    expect(
      (await post(t, "/request-password-reset", resetFor(target.email))).status,
    ).toBe(429);
    await finishScheduled(t);
    const sent = await mails(t, target.email);
    expect(sent.length - before).toBeLessThanOrEqual(5);
    // None greets with the name the stranger typed, in either part.
    const bodies = sent.map((mail) => `${mail.text} ${mail.html}`).join(" ");
    expect(bodies).toContain("Verify your email address");
    expect(bodies).not.toContain("evil");
    // The owner's own browser still gets a sign-in link.
    const ownersBrowser = await deviceTokenOf(t, target);
    expect(signedUp.cookie).toBeTruthy();
    expect(
      (
        await post(
          t,
          "/sign-in/magic-link",
          { email: target.email, callbackURL: `${SITE_URL}/` },
          deviceHeader(ownersBrowser),
        )
      ).status,
    ).toBe(200);
  });

  test("a signed-up address can't be mailed 900 times an hour: sign-up for a taken address counts too", async () => {
    const t = makeBackend();
    const owner = newUser("owner");
    await signUp(t, owner);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await post(t, "/sign-up/email", { ...owner, name: `Name ${i}` }))
          .status,
      );
    }
    // The owner's own verification link was the first of the hour.
    expect(count(statuses, 200)).toBe(4);
    expect(count(statuses, 429)).toBe(4);
  });

  test("the second step takes nothing from anyone without a valid first step", async () => {
    const t = makeBackend();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push(
        (
          await post(
            t,
            "/two-factor/verify-totp",
            { code: "123456" },
            { cookie: `better-auth.two_factor=forged.${"A".repeat(43)}=` },
          )
        ).status,
      );
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
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
