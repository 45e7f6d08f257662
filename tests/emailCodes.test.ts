/**
 * One-time codes by email (convex/emailCodes.ts): signing in and verifying
 * an address with a six-digit code, through Better Auth's real routes in
 * convex-test. What an attacker can do with them: guess (three tries, five
 * minutes, and wrong codes cost like wrong passwords), learn whether an
 * address has an account (never), keep a stranger's password set before
 * verification (never), flood an inbox (the mail limits), or present a code
 * row at another route (tests/tokenConfusion.test.ts tries every kind).
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { internal } from "../convex/_generated/api";
import { CODE_ATTEMPTS } from "../convex/emailCodes";
import {
  authFetch,
  authRows,
  finishScheduled,
  mailedCode,
  makeBackend,
  mergeCookies,
  newUser,
  PASSWORD,
  signIn,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";
import { enableTwoFactor } from "./support/twoFactor";

afterEach(() => vi.useRealTimers());

type CodeUse = "sign-in" | "email-verification";

async function sendCode(t: Backend, email: string, type: CodeUse) {
  return await authFetch(t, "/email-otp/send-verification-otp", {
    body: { email, type },
  });
}

async function mails(t: Backend, email: string) {
  return await t.run(
    async (ctx) =>
      await ctx.db
        .query("devMailbox")
        .withIndex("by_to", (q) => q.eq("to", email))
        .collect(),
  );
}

const signInWithCode = (t: Backend, email: string, otp: string, cookie = "") =>
  authFetch(t, "/sign-in/email-otp", { cookie, body: { email, otp } });

const verifyWithCode = (
  t: Backend,
  email: string,
  otp: string,
  { cookie = "", headers = {} }: { cookie?: string; headers?: object } = {},
) =>
  t.fetch("/api/auth/email-otp/verify-email", {
    method: "POST",
    headers: {
      origin: "http://localhost:5173",
      "content-type": "application/json",
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: JSON.stringify({ email, otp }),
  });

/** A code that isn't `code`. */
const wrong = (code: string) =>
  String((Number(code) + 1) % 1_000_000).padStart(6, "0");

async function credentialOf(t: Backend, email: string) {
  const user = (await authRows(t, "user")).find((u) => u.email === email)!;
  return (
    await authRows<{ userId: string; providerId: string }>(t, "account")
  ).filter((a) => a.userId === user._id && a.providerId === "credential");
}

describe("signing in with a code", () => {
  test("a code from the inbox signs in, once; it is stored only as a hash", async () => {
    const t = makeBackend();
    const user = newUser("code");
    await signUp(t, user);
    expect((await sendCode(t, user.email, "sign-in")).status).toBe(200);
    const code = (await mailedCode(t, user.email))!;
    expect(code).toMatch(/^\d{6}$/);
    const rows = await authRows<{ identifier: string; value: string }>(
      t,
      "verification",
    );
    for (const row of rows) {
      expect(row.value).not.toContain(code);
      expect(row.identifier).not.toContain(user.email);
    }

    const signedIn = await signInWithCode(t, user.email.toUpperCase(), code);
    expect(signedIn.status).toBe(200);
    const session = await authFetch(t, "/get-session", {
      cookie: mergeCookies("", signedIn),
    });
    expect(await session.json()).toMatchObject({
      user: { email: user.email },
    });
    const again = await signInWithCode(t, user.email, code);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: "INVALID_OTP" });
  });

  test("a sign-in by code from a new browser tells the owner", async () => {
    const t = makeBackend();
    const user = newUser("noticed");
    await signUp(t, user);
    // Past the quiet spell after an account's first sign-in.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 11 * 60 * 1000);
    await sendCode(t, user.email, "sign-in");
    const code = (await mailedCode(t, user.email))!;
    expect((await signInWithCode(t, user.email, code)).status).toBe(200);
    expect((await mails(t, user.email)).map((m) => m.subject)).toContain(
      "New sign-in to your account",
    );
  });

  test(`${CODE_ATTEMPTS} wrong tries spend the code; an old code expires after 5 minutes`, async () => {
    const t = makeBackend();
    const user = newUser("tries");
    await signUp(t, user);
    await sendCode(t, user.email, "sign-in");
    const code = (await mailedCode(t, user.email))!;
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const response = await signInWithCode(t, user.email, wrong(code));
      expect(await response.json()).toMatchObject({ code: "INVALID_OTP" });
    }
    const right = await signInWithCode(t, user.email, code);
    expect(right.status).not.toBe(200);
    expect(await right.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });

    vi.useFakeTimers({ shouldAdvanceTime: true });
    await sendCode(t, user.email, "sign-in");
    const fresh = (await mailedCode(t, user.email))!;
    vi.setSystemTime(Date.now() + 5 * 60_000 + 1_000);
    const late = await signInWithCode(t, user.email, fresh);
    expect(await late.json()).toMatchObject({ code: "OTP_EXPIRED" });
  });

  test("an address without an account: the same answer, no email, no account made", async () => {
    const t = makeBackend();
    const known = newUser("known");
    await signUp(t, known);
    const stranger = newUser("nobody");
    const answers = await Promise.all(
      [known.email, stranger.email].map(async (email) => {
        const response = await sendCode(t, email, "sign-in");
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(await mails(t, stranger.email)).toEqual([]);
    const guess = await signInWithCode(t, stranger.email, "123456");
    expect(await guess.json()).toMatchObject({ code: "INVALID_OTP" });
    expect(
      (await authRows(t, "user")).some((u) => u.email === stranger.email),
    ).toBe(false);
  });

  test("a stranger's password on an unverified account doesn't survive the owner's code", async () => {
    const t = makeBackend();
    const owner = newUser("owner");
    // The stranger signs the owner's address up with their own password.
    await authFetch(t, "/sign-up/email", { body: owner });
    await sendCode(t, owner.email, "sign-in");
    const code = (await mailedCode(t, owner.email))!;
    expect((await signInWithCode(t, owner.email, code)).status).toBe(200);
    expect(await credentialOf(t, owner.email)).toEqual([]);
    expect((await signIn(t, owner)).status).toBe(401);
    const subjects = (await mails(t, owner.email)).map((m) => m.subject);
    expect(subjects).toContain("Your email address is confirmed");
  });

  test("codes are mailed at most as often as the per-recipient limit allows", async () => {
    const t = makeBackend();
    const user = newUser("flood");
    await signUp(t, user);
    const before = (await mails(t, user.email)).length;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await sendCode(t, user.email, "sign-in")).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await mails(t, user.email)).length - before).toBeLessThanOrEqual(5);
  });

  test("wrong codes count as failed sign-ins: a guesser is slowed like a password guesser", async () => {
    const t = makeBackend();
    const user = newUser("guessed");
    await signUp(t, user);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await signInWithCode(t, user.email, "000000")).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe("verifying an address with a code", () => {
  test("in the browser that signed up: verified, signed in, the password kept", async () => {
    const t = makeBackend();
    const user = newUser("verify");
    const signUpAnswer = await authFetch(t, "/sign-up/email", { body: user });
    const browser = mergeCookies("", signUpAnswer);
    await sendCode(t, user.email, "email-verification");
    const code = (await mailedCode(t, user.email))!;
    const verified = await verifyWithCode(t, user.email, code, {
      cookie: browser,
    });
    expect(verified.status).toBe(200);
    const session = await authFetch(t, "/get-session", {
      cookie: mergeCookies(browser, verified),
    });
    expect(await session.json()).toMatchObject({
      user: { email: user.email, emailVerified: true },
    });
    expect(await credentialOf(t, user.email)).toHaveLength(1);
    expect((await signIn(t, user)).status).toBe(200);
  });

  test("elsewhere: a right code asks about the password, a wrong one doesn't (nothing to learn without the inbox)", async () => {
    const t = makeBackend();
    const owner = newUser("asked");
    await authFetch(t, "/sign-up/email", { body: owner });
    await sendCode(t, owner.email, "email-verification");
    const code = (await mailedCode(t, owner.email))!;

    const guess = await verifyWithCode(t, owner.email, wrong(code));
    expect(await guess.json()).toMatchObject({ code: "INVALID_OTP" });
    const asked = await verifyWithCode(t, owner.email, code);
    expect(asked.status).toBe(409);
    expect(await asked.json()).toMatchObject({
      code: "CONFIRM_SIGN_UP_PASSWORD",
    });
    // The question used no try: the typed password keeps it.
    const kept = await verifyWithCode(t, owner.email, code, {
      headers: { "x-sign-up-password": PASSWORD },
    });
    expect(kept.status).toBe(200);
    expect(await credentialOf(t, owner.email)).toHaveLength(1);
  });

  test("elsewhere, going on without the password removes it and mails the owner", async () => {
    const t = makeBackend();
    const owner = newUser("removed");
    await authFetch(t, "/sign-up/email", { body: owner });
    await sendCode(t, owner.email, "email-verification");
    const code = (await mailedCode(t, owner.email))!;
    const verified = await verifyWithCode(t, owner.email, code, {
      headers: { "x-remove-unproven-password": "true" },
    });
    expect(verified.status).toBe(200);
    expect(await credentialOf(t, owner.email)).toEqual([]);
    const subjects = (await mails(t, owner.email)).map((m) => m.subject);
    expect(subjects).toContain("Your email address is confirmed");
  });
});

test("an account with two-factor: neither a code nor a magic link signs in with the inbox alone", async () => {
  const t = makeBackend();
  const user = newUser("twofactor");
  await enableTwoFactor(t, (await signUp(t, user)).cookie);
  await sendCode(t, user.email, "sign-in");
  const byCode = await signInWithCode(
    t,
    user.email,
    (await mailedCode(t, user.email))!,
  );
  expect(byCode.status).toBe(403);
  expect(await byCode.json()).toMatchObject({ code: "TWO_FACTOR_REQUIRED" });
  expect(mergeCookies("", byCode)).not.toContain("session_token");

  await authFetch(t, "/sign-in/magic-link", {
    body: {
      email: user.email,
      callbackURL: `${SITE_URL}/`,
      errorCallbackURL: `${SITE_URL}/sign-in`,
    },
  });
  await finishScheduled(t);
  // The SPA's /magic-link page opens this route on the person's click.
  const emailed = new URL(
    (await t.query(internal.devMailbox.latest, { to: user.email }))!.link,
  );
  const sessions = (await authRows<{ userId: string }>(t, "session")).length;
  const opened = await t.fetch(`/api/auth/magic-link/verify${emailed.search}`, {
    method: "GET",
  });
  // Back to the SPA's sign-in page with the reason, not signed in.
  expect(opened.status).toBe(302);
  const landing = new URL(opened.headers.get("location")!);
  expect(landing.origin + landing.pathname).toBe(`${SITE_URL}/sign-in`);
  expect(landing.searchParams.get("error")).toBe("TWO_FACTOR_REQUIRED");
  expect(landing.searchParams.get("ott")).toBeNull();
  // Only ever back to the SPA: another origin in the link goes to sign-in.
  const elsewhere = new URL(emailed);
  for (const evil of ["//evil.example/x", "https://evil.example/x"]) {
    elsewhere.searchParams.set("errorCallbackURL", evil);
    const bounced = await t.fetch(
      `/api/auth/magic-link/verify${elsewhere.search}`,
      { method: "GET" },
    );
    const to = new URL(bounced.headers.get("location") ?? "http://x/");
    expect(to.origin, evil).not.toBe("https://evil.example");
  }
  expect((await authRows<{ userId: string }>(t, "session")).length).toBe(
    sessions,
  );
});

test("the plugin's other routes are off", async () => {
  const t = makeBackend();
  const user = newUser("off");
  await signUp(t, user);
  for (const [path, body] of [
    [
      "/email-otp/check-verification-otp",
      { email: user.email, type: "sign-in", otp: "000000" },
    ],
    ["/email-otp/request-password-reset", { email: user.email }],
    ["/forget-password/email-otp", { email: user.email }],
    [
      "/email-otp/reset-password",
      { email: user.email, otp: "0", password: "x" },
    ],
  ] as const) {
    expect((await authFetch(t, path, { body })).status, path).toBe(404);
  }
});
