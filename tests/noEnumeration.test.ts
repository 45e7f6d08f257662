/**
 * The auth endpoints that take an email answer the same whether or not it is
 * registered, so they can't be used to find out who has an account. Sign-up
 * never starts a session: the emailed link does (requireEmailVerification).
 */
import { describe, expect, test } from "vitest";
import { internal } from "../convex/_generated/api";
import {
  appUsers,
  authFetch,
  makeBackend,
  newUser,
  openVerificationLink,
  PASSWORD,
  signIn,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";
import { expectUsersInSync } from "./support/invariant";

/** What an attacker can compare: status, body shape, cookies. */
async function observable(response: Response) {
  const body = (await response.json()) as Record<string, unknown>;
  const user = body.user as Record<string, unknown> | undefined;
  return {
    status: response.status,
    keys: Object.keys(body).sort(),
    userKeys: user && Object.keys(user).sort(),
    token: body.token,
    status_: body.status,
    cookies: response.headers
      .getSetCookie()
      .map((cookie) => cookie.slice(0, cookie.indexOf("=")))
      .sort(),
  };
}

const mails = async (t: Backend, to: string) =>
  await t.query(internal.devMailbox.list, { to });

describe("no account enumeration", () => {
  test("sign-up answers a registered email exactly like a new one, and mails its owner instead", async () => {
    const t = makeBackend();
    const owner = newUser();
    await signUp(t, owner);
    const mailsBefore = (await mails(t, owner.email)).length;

    const stranger = newUser();
    const fresh = await authFetch(t, "/sign-up/email", { body: stranger });
    const taken = await authFetch(t, "/sign-up/email", {
      body: { ...owner, name: "Someone Else", password: "another password" },
    });
    const [a, b] = [await observable(fresh), await observable(taken)];
    expect(b).toEqual(a);
    // No session either way; only the sign-up proof (convex/unprovenPassword.ts).
    expect(a).toMatchObject({
      status: 200,
      token: null,
      cookies: ["better-auth.sign_up_proof"],
    });

    // Each address got one email: a link for the new one, a notice for the owner.
    expect((await mails(t, stranger.email))[0]?.subject).toBe(
      "Verify your email address",
    );
    const ownerMails = await mails(t, owner.email);
    expect(ownerMails).toHaveLength(mailsBefore + 1);
    expect(ownerMails[0]?.subject).toBe("You already have an account");

    // The existing account is untouched: same name, same password, one row.
    const rows = await appUsers(t);
    expect(rows.filter((u) => u.email === owner.email)).toMatchObject([
      { name: owner.name },
    ]);
    expect((await signIn(t, owner)).status).toBe(200);
    await expectUsersInSync(t);
  });

  test("sign-up for a registered but unverified email looks the same too, and mails its owner a new link", async () => {
    const t = makeBackend();
    const pending = newUser();
    await authFetch(t, "/sign-up/email", { body: pending });
    const again = await authFetch(t, "/sign-up/email", { body: pending });
    const fresh = await authFetch(t, "/sign-up/email", { body: newUser() });
    expect(await observable(again)).toEqual(await observable(fresh));
    expect(await appUsers(t)).toHaveLength(2);
    // Its owner never opened the first link: they get a new one, which works.
    const pendingMails = await mails(t, pending.email);
    expect(pendingMails.map((m) => m.subject)).toEqual([
      "Verify your email address",
      "Verify your email address",
    ]);
    // Opened elsewhere than the first sign-up: they confirm their password.
    await openVerificationLink(t, pending.email, "", {
      password: pending.password,
    });
    expect((await signIn(t, pending)).status).toBe(200);
  });

  test("a padded or invalid name doesn't tell a taken email from a free one either", async () => {
    const t = makeBackend();
    const owner = newUser();
    await signUp(t, owner);
    for (const name of ["  Padded Name  ", "", "x".repeat(500)]) {
      const taken = await authFetch(t, "/sign-up/email", {
        body: { ...owner, name },
      });
      const fresh = await authFetch(t, "/sign-up/email", {
        body: { ...newUser(), email: `free-${name.length}@example.com`, name },
      });
      expect(await observable(taken), JSON.stringify(name)).toEqual(
        await observable(fresh),
      );
    }
    await expectUsersInSync(t);
  });

  test("password reset, verification email and magic link answer the same for unknown emails", async () => {
    const t = makeBackend();
    const owner = newUser();
    await signUp(t, owner);
    const unknown = newUser().email;
    const requests = [
      {
        path: "/request-password-reset",
        body: (email: string) => ({
          email,
          redirectTo: `${SITE_URL}/reset-password`,
        }),
      },
      {
        path: "/send-verification-email",
        body: (email: string) => ({ email }),
      },
      {
        path: "/sign-in/magic-link",
        body: (email: string) => ({ email, callbackURL: `${SITE_URL}/` }),
      },
    ];
    for (const { path, body } of requests) {
      const known = await authFetch(t, path, { body: body(owner.email) });
      const other = await authFetch(t, path, { body: body(unknown) });
      expect(await observable(known), path).toEqual(await observable(other));
      expect(known.status, path).toBe(200);
    }
  });

  test("sign-in: a wrong password reads the same for every account, and so does the right one of an address never verified, which gets a new link", async () => {
    const t = makeBackend();
    const verified = newUser();
    await signUp(t, verified);
    const pending = newUser();
    await authFetch(t, "/sign-up/email", { body: pending });
    const wrong = "not the password";

    const answers = [
      await signIn(t, { email: verified.email, password: wrong }),
      await signIn(t, { email: pending.email, password: wrong }),
      await signIn(t, { email: newUser().email, password: wrong }),
    ];
    const seen = await Promise.all(answers.map((r) => observableError(r)));
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0]).toMatchObject({
      status: 401,
      code: "INVALID_EMAIL_OR_PASSWORD",
    });

    // Else anyone could tell a free address from a taken one: sign it up
    // with a password of their choosing, then sign in with that password.
    const before = (await mails(t, pending.email)).length;
    const right = await signIn(t, { email: pending.email, password: PASSWORD });
    expect(await observableError(right)).toEqual(seen[0]);
    expect(await mails(t, pending.email)).toHaveLength(before + 1);
    // And it costs as a wrong password does: ten of either, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await signIn(t, { email: pending.email, password: PASSWORD })).status,
      );
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(
      0,
    );
    // That new link signs them in, once they confirm the password (and
    // gives their browser a device token, so the failures above don't
    // hold it back later: convex/deviceTokens.ts).
    const { cookie } = await openVerificationLink(t, pending.email, "", {
      password: PASSWORD,
    });
    const session = await authFetch(t, "/get-session", { cookie });
    expect(await session.json()).toMatchObject({
      user: { email: pending.email, emailVerified: true },
    });
  });
});

async function observableError(response: Response) {
  const body = (await response.json()) as { code?: string };
  return {
    status: response.status,
    code: body.code,
    cookies: response.headers
      .getSetCookie()
      .map((cookie) => cookie.slice(0, cookie.indexOf("=")))
      .sort(),
  };
}
