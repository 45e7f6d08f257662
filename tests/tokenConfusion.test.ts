/**
 * Token confusion: every kind of verification row (and signed cookie) that a
 * signed-out or signed-in caller can cause to exist, tried at every route
 * that redeems a token. None may give a session, verify an email or change
 * an account that isn't the caller's. The identifier scheme behind this is
 * declared in convex/verificationKinds.ts and tabled in docs/security.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { internal } from "../convex/_generated/api";
import { kindOf, VERIFICATION_KINDS } from "../convex/verificationKinds";
import {
  authFetch,
  authRows,
  mailedCode,
  makeBackend,
  newUser,
  signIn,
  signUp,
  SITE_URL,
  verificationToken,
  type Backend,
} from "./support/backend";
import { authorize, newIdentity, useDevProvider } from "./support/oauth";
import { enableTwoFactor } from "./support/twoFactor";

const provider = useDevProvider();

/** Values of the Set-Cookie headers of a response, by cookie name. */
function setCookies(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";")[0]!;
    const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
    if (value) cookies.set(pair.slice(0, pair.indexOf("=")), value);
  }
  return cookies;
}

/** What the victims own; a redeemed foreign token would change some of it. */
async function victimState(t: Backend, victimIds: string[]) {
  const mine = <T extends { userId?: string; id?: string; _id?: string }>(
    rows: T[],
    field: "userId" | "_id",
  ) =>
    rows
      .filter((row) => victimIds.includes(String(row[field])))
      .map((row) => JSON.stringify(row))
      .sort();
  return {
    users: mine(await authRows(t, "user"), "_id"),
    accounts: mine(await authRows<{ userId: string }>(t, "account"), "userId"),
    sessions: mine(await authRows<{ userId: string }>(t, "session"), "userId"),
    passkeys: mine(await authRows<{ userId: string }>(t, "passkey"), "userId"),
  };
}

describe("a token issued for one purpose is never accepted by another route", () => {
  test("an OAuth state carrying someone's email is not a magic link (takeover found in review)", async () => {
    const t = makeBackend();
    const victim = newUser("victim");
    await signUp(t, victim);
    const start = await authFetch(t, "/sign-in/social", {
      body: {
        provider: "dev",
        callbackURL: `${SITE_URL}/`,
        additionalData: { email: victim.email },
      },
    });
    // Caller-supplied data never reaches a verification row.
    expect(start.status).toBe(400);
    expect(await start.json()).toMatchObject({ code: "VALIDATION_ERROR" });
    expect(await authRows(t, "verification")).toEqual([]);

    // The same flow without it: its state is still no magic link.
    const plain = await authFetch(t, "/sign-in/social", {
      body: { provider: "dev", callbackURL: `${SITE_URL}/` },
    });
    const { url } = (await plain.json()) as { url: string };
    const state = new URL(url).searchParams.get("state")!;
    const verify = await authFetch(
      t,
      `/magic-link/verify?token=${encodeURIComponent(state)}`,
    );
    expect(setCookies(verify).has("better-auth.session_token")).toBe(false);
  });

  test("every token and signed cookie a caller can obtain, at every redeeming route", async () => {
    const t = makeBackend();
    // Victims: one verified with a password, one who never verified.
    const victim = newUser("victim");
    const victimSession = await signUp(t, victim);
    const unverified = newUser("unverified");
    await authFetch(t, "/sign-up/email", { body: unverified });
    const unverifiedId = (await authRows(t, "user")).find(
      (user) => user.email === unverified.email,
    )!._id;
    const victims = [victimSession.userId, unverifiedId];

    // The attacker: an account of their own, with two-factor on.
    const attacker = newUser("attacker");
    const attackerCookie = await enableTwoFactor(
      t,
      (await signUp(t, attacker)).cookie,
    );
    const before = await victimState(t, victims);

    const tokens: { kind: string; value: string }[] = [];
    const signed: { kind: string; value: string }[] = [];
    const keepCookies = (kind: string, response: Response) => {
      for (const [name, value] of setCookies(response)) {
        if (value.includes("."))
          signed.push({ kind: `${kind}:${name}`, value });
      }
    };
    const rowsBefore = new Set(
      (await authRows<{ identifier: string }>(t, "verification")).map(
        (row) => row.identifier,
      ),
    );

    // OAuth state, signed out and while linking.
    for (const [path, cookie] of [
      ["/sign-in/social", ""],
      ["/link-social", attackerCookie],
    ] as const) {
      const response = await authFetch(t, path, {
        cookie,
        body: { provider: "dev", callbackURL: `${SITE_URL}/` },
      });
      expect(response.status, path).toBe(200);
      const { url } = (await response.json()) as { url: string };
      tokens.push({
        kind: `${path} state`,
        value: new URL(url).searchParams.get("state")!,
      });
      keepCookies(path, response);
    }
    // A magic link, a reset link and a verification link to the attacker's own inbox.
    await authFetch(t, "/sign-in/magic-link", {
      body: { email: attacker.email, callbackURL: `${SITE_URL}/` },
    });
    tokens.push({
      kind: "magic link",
      value: await verificationToken(t, attacker.email),
    });
    await authFetch(t, "/request-password-reset", {
      body: { email: attacker.email, redirectTo: `${SITE_URL}/reset-password` },
    });
    const resetMail = await t.query(internal.devMailbox.latest, {
      to: attacker.email,
    });
    tokens.push({
      kind: "password reset",
      value: new URL(resetMail!.link).pathname.split("/").at(-1)!,
    });
    const second = newUser("attacker-unverified");
    await authFetch(t, "/sign-up/email", { body: second });
    tokens.push({
      kind: "email verification",
      value: await verificationToken(t, second.email),
    });
    // The cross-domain one-time token of the attacker's own social sign-in.
    provider().signInAs(newIdentity());
    const social = await authFetch(t, "/sign-in/social", {
      body: { provider: "dev", callbackURL: `${SITE_URL}/` },
    });
    const callbackUrl = await authorize(
      new URL(((await social.json()) as { url: string }).url),
    );
    const landing = await t.fetch(callbackUrl.pathname + callbackUrl.search, {
      headers: {},
    });
    tokens.push({
      kind: "one-time token",
      value: new URL(landing.headers.get("location")!).searchParams.get("ott")!,
    });
    // Email codes: the attacker's own, and a code row for each victim
    // (anyone can have one sent to an address that has an account).
    for (const [email, type] of [
      [attacker.email, "sign-in"],
      [second.email, "email-verification"],
      [victim.email, "sign-in"],
      [unverified.email, "email-verification"],
    ] as const) {
      await authFetch(t, "/email-otp/send-verification-otp", {
        body: { email, type },
      });
    }
    for (const email of [attacker.email, second.email]) {
      tokens.push({
        kind: `email code to ${email}`,
        value: (await mailedCode(t, email))!,
      });
    }
    for (const email of [victim.email, unverified.email]) {
      tokens.push({ kind: "code row", value: `sign-in-otp-${email}` });
      tokens.push({
        kind: "code row",
        value: `email-verification-otp-${email}`,
      });
    }
    // Passkey challenges, signed out and signed in.
    keepCookies(
      "passkey authentication",
      await authFetch(t, "/passkey/generate-authenticate-options"),
    );
    keepCookies(
      "passkey registration",
      await authFetch(t, "/passkey/generate-register-options", {
        cookie: attackerCookie,
      }),
    );
    // The pending two-factor sign-in of the attacker's own account.
    keepCookies("two-factor", await signIn(t, attacker));
    // Every identifier these left behind, with and without its prefix.
    for (const row of await authRows<{ identifier: string }>(
      t,
      "verification",
    )) {
      if (rowsBefore.has(row.identifier)) continue;
      tokens.push({ kind: `row ${row.identifier}`, value: row.identifier });
      const suffix = row.identifier.replace(/^[a-z-]+[:-]/, "");
      if (suffix !== row.identifier) {
        tokens.push({ kind: `row suffix ${row.identifier}`, value: suffix });
      }
    }
    for (const cookie of signed) {
      tokens.push({
        kind: `${cookie.kind} unsigned`,
        value: cookie.value.split(".")[0]!,
      });
    }
    expect(tokens.length).toBeGreaterThan(10);

    const tried: string[] = [];
    const at = async (label: string, call: () => Promise<Response>) => {
      const response = await call();
      tried.push(label);
      // Refusals, redirects and the attacker's own sessions are all fine
      // here; what counts is what the victims own, compared below.
      expect(response.status, label).toBeLessThan(500);
    };
    for (const { kind, value } of tokens) {
      const q = encodeURIComponent(value);
      await at(`${kind} → magic link`, () =>
        authFetch(t, `/magic-link/verify?token=${q}`),
      );
      await at(`${kind} → verify email`, () =>
        authFetch(t, `/verify-email?token=${q}`),
      );
      await at(`${kind} → reset password`, () =>
        authFetch(t, "/reset-password", {
          body: { token: value, newPassword: "attacker chosen pass" },
        }),
      );
      await at(`${kind} → reset link`, () =>
        authFetch(
          t,
          `/reset-password/${q}?callbackURL=${encodeURIComponent(`${SITE_URL}/reset-password`)}`,
        ),
      );
      await at(`${kind} → one-time token`, () =>
        authFetch(t, "/cross-domain/one-time-token/verify", {
          body: { token: value },
        }),
      );
      for (const email of [victim.email, unverified.email]) {
        await at(`${kind} → sign-in code for ${email}`, () =>
          authFetch(t, "/sign-in/email-otp", { body: { email, otp: value } }),
        );
        await at(`${kind} → verification code for ${email}`, () =>
          authFetch(t, "/email-otp/verify-email", {
            body: { email, otp: value },
          }),
        );
      }
      await at(`${kind} → OAuth callback`, () =>
        t.fetch(`/api/auth/callback/dev?state=${q}&code=bogus`, {
          headers: {},
        }),
      );
    }
    // Signed cookies moved to every cookie that names a verification row.
    const cookieNames = [
      "better-auth.two_factor",
      "better-auth-passkey",
      "better-auth.state",
    ];
    for (const { kind, value } of signed) {
      for (const name of cookieNames) {
        const cookie = `${name}=${encodeURIComponent(value)}`;
        await at(`${kind} as ${name} → verify TOTP`, () =>
          authFetch(t, "/two-factor/verify-totp", {
            cookie,
            body: { code: "000000" },
          }),
        );
        await at(`${kind} as ${name} → verify backup code`, () =>
          authFetch(t, "/two-factor/verify-backup-code", {
            cookie,
            body: { code: "AAAAA-AAAAA" },
          }),
        );
        await at(`${kind} as ${name} → passkey sign-in`, () =>
          authFetch(t, "/passkey/verify-authentication", {
            cookie,
            body: { response: { id: "x", response: {}, type: "public-key" } },
          }),
        );
        await at(`${kind} as ${name} → passkey registration`, () =>
          authFetch(t, "/passkey/verify-registration", {
            cookie: `${attackerCookie}; ${cookie}`,
            body: { response: { id: "x", response: {}, type: "public-key" } },
          }),
        );
      }
    }
    expect(tried.length).toBeGreaterThan(100);
    expect(await victimState(t, victims)).toEqual(before);
  }, 180_000);
});

describe("which verification rows may exist at all", () => {
  test("a row from a route no kind lists, or with a key its kind doesn't have, is refused", () => {
    const state = JSON.stringify({
      callbackURL: "http://localhost:5173/",
      codeVerifier: "x",
      expiresAt: 1,
    });
    expect(kindOf("/sign-in/social", state)).toBe("oauthState");
    // Caller-chosen data slipped into a state: no kind allows it.
    const withEmail = JSON.stringify({ ...JSON.parse(state), email: "v@x.y" });
    expect(kindOf("/sign-in/social", withEmail)).toBeUndefined();
    // A route that writes no rows, or one a new plugin adds.
    expect(kindOf("/update-user", state)).toBeUndefined();
    expect(kindOf("/new-plugin/start", "user-id")).toBeUndefined();
    expect(kindOf(undefined, "user-id")).toBeUndefined();
  });

  test("docs/security.md tables every kind's identifier", () => {
    const docs = readFileSync("docs/security.md", "utf8");
    for (const [name, kind] of Object.entries(VERIFICATION_KINDS)) {
      // The identifier's scheme and where it is redeemed.
      const prefix = kind.identifier.match(/^[a-z0-9-]+[:-]/)?.[0];
      if (prefix) expect(docs, name).toContain(`\`${prefix}`);
      const route = kind.redeemedAt.split(/[ ,]/)[0]!;
      expect(docs, name).toContain(`\`${route}\``);
    }
  });
});
