/**
 * Security notices (convex/securityNotices.ts): each change the route table
 * marks with `notify` mails the account's own address when it succeeded,
 * and nobody when it failed; a sign-in mails only from a browser new to
 * the account.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { internal } from "../convex/_generated/api";
import {
  authFetch,
  clickedMagicLink,
  finishScheduled,
  makeBackend,
  mergeCookies,
  newUser,
  openVerificationLink,
  PASSWORD,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";

afterEach(() => {
  vi.useRealTimers();
});

async function subjects(t: Backend, to: string): Promise<string[]> {
  const mails = await t.query(internal.devMailbox.list, { to });
  return mails.map((mail) => mail.subject);
}

/** Past the quiet spell after an account's first sign-in. */
function tenMinutesLater() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 11 * 60 * 1000);
}

const PASSWORD_CHANGED = "Your password was changed";
const NEW_SIGN_IN = "New sign-in to your account";

describe("security notices", () => {
  test("a password change tells the owner; a refused one tells nobody", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    const wrong = await authFetch(t, "/change-password", {
      cookie: session.cookie,
      body: { currentPassword: "not the password", newPassword: "new pass 12" },
    });
    expect(wrong.ok).toBe(false);
    expect(await subjects(t, user.email)).not.toContain(PASSWORD_CHANGED);

    const right = await authFetch(t, "/change-password", {
      cookie: session.cookie,
      body: { currentPassword: PASSWORD, newPassword: "new pass 12" },
    });
    expect(right.status).toBe(200);
    expect(await subjects(t, user.email)).toContain(PASSWORD_CHANGED);
    // The whole email, rendered: why, and what to do if it wasn't them.
    await finishScheduled(t);
    const mail = await t.query(internal.devMailbox.latest, { to: user.email });
    expect(mail?.link).toBe(`${SITE_URL}/forgot-password`);
    expect(mail?.text).toContain("If this wasn't you");
  });

  test("turning two-factor off tells the owner; a wrong password tells nobody", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    const enable = await authFetch(t, "/two-factor/enable", {
      cookie: session.cookie,
      body: { password: PASSWORD },
    });
    expect(enable.status).toBe(200);
    const cookie = mergeCookies(session.cookie, enable);
    const subject = "Two-factor authentication was turned off";
    const wrong = await authFetch(t, "/two-factor/disable", {
      cookie,
      body: { password: "not the password" },
    });
    expect(wrong.ok).toBe(false);
    expect(await subjects(t, user.email)).not.toContain(subject);
    const right = await authFetch(t, "/two-factor/disable", {
      cookie,
      body: { password: PASSWORD },
    });
    expect(right.status).toBe(200);
    expect(await subjects(t, user.email)).toContain(subject);
  });

  test("a change of address tells the old address once it's done, and only it", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    const subject = "Your account's email address was changed";
    await authFetch(t, "/change-email", {
      cookie: session.cookie,
      body: { newEmail: "moved@example.com", callbackURL: `${SITE_URL}/` },
    });
    // Asked for, not done: the old address hears nothing yet.
    expect(await subjects(t, user.email)).not.toContain(subject);
    await openVerificationLink(t, "moved@example.com", session.cookie);
    expect(await subjects(t, user.email)).toContain(subject);
    expect(await subjects(t, "moved@example.com")).not.toContain(subject);
  });

  test("a sign-in from a new browser tells the owner; a known browser, a wrong password or a new account's first sign-in don't", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    const signIn = (password: string, headers: Record<string, string> = {}) =>
      t.fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: {
          origin: SITE_URL,
          "content-type": "application/json",
          ...headers,
        },
        body: JSON.stringify({ email: user.email, password }),
      });
    // Minutes after signing up: their own second browser, most likely.
    const early = await signIn(PASSWORD);
    expect(early.status).toBe(200);
    const deviceToken = early.headers.get("x-set-device-token")!;
    expect(await subjects(t, user.email)).not.toContain(NEW_SIGN_IN);

    tenMinutesLater();
    expect((await signIn("not the password")).status).toBe(401);
    expect(
      (await signIn(PASSWORD, { "x-device-tokens": deviceToken })).status,
    ).toBe(200);
    expect(await subjects(t, user.email)).not.toContain(NEW_SIGN_IN);

    expect((await signIn(PASSWORD)).status).toBe(200);
    const sent = await subjects(t, user.email);
    expect(sent.filter((subject) => subject === NEW_SIGN_IN)).toHaveLength(1);
  });

  test("a sign-in by emailed link tells the owner when it lands in a new browser", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    tenMinutesLater();
    await authFetch(t, "/sign-in/magic-link", {
      body: { email: user.email, callbackURL: `${SITE_URL}/` },
    });
    const mail = await t.query(internal.devMailbox.latest, { to: user.email });
    const verify = new URL(clickedMagicLink(mail!.link));
    const click = await t.fetch(verify.pathname + verify.search);
    const ott = new URL(click.headers.get("location")!).searchParams.get("ott");
    // The link's own request is a navigation (no device tokens): the SPA's
    // exchange of the one-time token is where the browser is known or not.
    expect(await subjects(t, user.email)).not.toContain(NEW_SIGN_IN);
    const exchange = await authFetch(t, "/cross-domain/one-time-token/verify", {
      body: { token: ott },
    });
    expect(exchange.status).toBe(200);
    expect(await subjects(t, user.email)).toContain(NEW_SIGN_IN);
  });
});
