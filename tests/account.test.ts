import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { describe, expect, test } from "vitest";
import { api, components, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  authFetch,
  authRows,
  clickedMagicLink,
  type Backend,
  finishScheduled,
  makeBackend,
  mergeCookies,
  newUser,
  openVerificationLink,
  PASSWORD,
  signIn,
  signInSession,
  signUp,
  SITE_URL,
} from "./support/backend";

async function mailLink(
  t: Backend,
  to: string,
  subject: string,
): Promise<string> {
  const mail = await t.query(internal.devMailbox.latest, { to });
  expect(mail?.subject).toBe(subject);
  return mail!.link;
}

/** Opens an emailed link; returns the redirect target and any cookies set. */
async function openLink(t: Backend, link: string) {
  const url = new URL(link);
  const response = await t.fetch(url.pathname + url.search, { method: "GET" });
  expect(response.status).toBe(302);
  return {
    location: new URL(response.headers.get("location")!),
    cookie: mergeCookies("", response),
  };
}

describe("change password", () => {
  test("needs the current password, and can sign out every other session", async () => {
    const t = makeBackend();
    const user = newUser();
    const first = await signUp(t, user);
    const other = await asSession(t, await signInSession(t, user));

    const wrong = await authFetch(t, "/change-password", {
      cookie: first.cookie,
      body: {
        currentPassword: "not it at all",
        newPassword: "a new password 1",
      },
    });
    expect(wrong.status).toBe(400);

    const ok = await authFetch(t, "/change-password", {
      cookie: first.cookie,
      body: {
        currentPassword: PASSWORD,
        newPassword: "a new password 1",
        revokeOtherSessions: true,
      },
    });
    expect(ok.status).toBe(200);
    expect(await other.query(api.users.me, {})).toBeNull();
    expect((await signIn(t, user)).status).toBe(401);
    expect(
      (await signIn(t, { email: user.email, password: "a new password 1" }))
        .status,
    ).toBe(200);
  });
});

describe("sessions", () => {
  test("a user lists their sessions and revokes one, which loses Convex access at once", async () => {
    const t = makeBackend();
    const user = newUser();
    const mine = await signUp(t, user);
    const otherSession = await signInSession(t, user);
    const other = await asSession(t, otherSession);

    const list = await authFetch(t, "/list-sessions", { cookie: mine.cookie });
    const sessions = (await list.json()) as {
      token: string;
      userAgent: string | null;
    }[];
    expect(sessions).toHaveLength(2);

    const current = (await (
      await authFetch(t, "/get-session", { cookie: otherSession.cookie })
    ).json()) as {
      session: { token: string };
    };
    const revoke = await authFetch(t, "/revoke-session", {
      cookie: mine.cookie,
      body: { token: current.session.token },
    });
    expect(revoke.status).toBe(200);
    expect(await other.query(api.users.me, {})).toBeNull();
    expect(
      await (await asSession(t, mine)).query(api.users.me, {}),
    ).not.toBeNull();
  });
});

describe("two-factor authentication", () => {
  test("enable with a QR code URI and backup codes; sign-in then asks for a code; backup codes work once", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);

    const enable = await authFetch(t, "/two-factor/enable", {
      cookie: session.cookie,
      body: { password: PASSWORD },
    });
    expect(enable.status).toBe(200);
    const { totpURI, backupCodes } = (await enable.json()) as {
      totpURI: string;
      backupCodes: string[];
    };
    expect(totpURI).toMatch(/^otpauth:\/\/totp\//);
    expect(backupCodes.length).toBeGreaterThanOrEqual(8);
    const secret = new TextDecoder().decode(
      base32.decode(new URL(totpURI).searchParams.get("secret")!),
    );
    const totp = () => createOTP(secret).totp();

    // Enabling completes once the first code is verified.
    const confirm = await authFetch(t, "/two-factor/verify-totp", {
      cookie: mergeCookies(session.cookie, enable),
      body: { code: await totp() },
    });
    expect(confirm.status).toBe(200);

    // Password alone no longer signs in.
    const step1 = await signIn(t, user);
    expect(step1.status).toBe(200);
    expect(await step1.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = mergeCookies("", step1);
    const badCode = await authFetch(t, "/two-factor/verify-totp", {
      cookie: pending,
      body: { code: "000000" },
    });
    expect(badCode.status).toBe(401);
    const step2 = await authFetch(t, "/two-factor/verify-totp", {
      cookie: pending,
      body: { code: await totp() },
    });
    expect(step2.status).toBe(200);
    const me = await (
      await asSession(t, { cookie: mergeCookies(pending, step2) })
    ).query(api.users.me, {});
    expect(me?.email).toBe(user.email);

    // A backup code works once.
    const useBackup = async () => {
      const start = mergeCookies("", await signIn(t, user));
      return await authFetch(t, "/two-factor/verify-backup-code", {
        cookie: start,
        body: { code: backupCodes[0] },
      });
    };
    expect((await useBackup()).status).toBe(200);
    expect((await useBackup()).status).toBe(401);

    // Disabling needs the password.
    const disable = await authFetch(t, "/two-factor/disable", {
      cookie: mergeCookies(pending, step2),
      body: { password: PASSWORD },
    });
    expect(disable.status).toBe(200);
    expect(await (await signIn(t, user)).json()).not.toHaveProperty(
      "twoFactorRedirect",
    );
  });
});

describe("magic link", () => {
  test("an emailed link signs the user in", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    const request = await authFetch(t, "/sign-in/magic-link", {
      body: { email: user.email, callbackURL: `${SITE_URL}/` },
    });
    expect(request.status).toBe(200);
    const link = await mailLink(t, user.email, "Your sign-in link");
    // The email opens the SPA's confirmation page; its button opens the rest.
    expect(link).toMatch(new RegExp(`^${SITE_URL}/magic-link\\?token=`));
    const { location } = await openLink(t, clickedMagicLink(link));
    expect(location.origin).toBe(SITE_URL);
    // The cross-domain plugin hands the SPA a one-time token to trade for a session.
    const ott = location.searchParams.get("ott");
    expect(ott).toBeTruthy();
    const verify = await authFetch(t, "/cross-domain/one-time-token/verify", {
      body: { token: ott },
    });
    expect(verify.status).toBe(200);
    const me = await (
      await asSession(t, { cookie: mergeCookies("", verify) })
    ).query(api.users.me, {});
    expect(me?.email).toBe(user.email);
  });
});

describe("change email", () => {
  test("confirmed through a link sent to the new address; the app row follows", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    const response = await authFetch(t, "/change-email", {
      cookie: session.cookie,
      body: {
        newEmail: "Moved@Example.com",
        callbackURL: `${SITE_URL}/settings`,
      },
    });
    expect(response.status).toBe(200);
    expect((await appUsers(t))[0]?.email).toBe(user.email);

    await mailLink(t, "moved@example.com", "Confirm your new email address");
    await openVerificationLink(t, "moved@example.com", session.cookie);
    expect((await appUsers(t))[0]).toMatchObject({
      email: "moved@example.com",
    });
  });
});

describe("delete account", () => {
  test("with the password: nothing of the user remains, two-factor secret included", async () => {
    const t = makeBackend();
    const session = await signUp(t, newUser());
    await (
      await asSession(t, session)
    ).mutation(api.notes.create, { text: "mine" });
    await authFetch(t, "/two-factor/enable", {
      cookie: session.cookie,
      body: { password: PASSWORD },
    });
    expect(await authRows(t, "twoFactor" as never)).toHaveLength(1);

    const wrong = await authFetch(t, "/delete-user", {
      cookie: session.cookie,
      body: { password: "nope nope nope" },
    });
    expect(wrong.status).toBe(400);
    const ok = await authFetch(t, "/delete-user", {
      cookie: session.cookie,
      body: { password: PASSWORD },
    });
    expect(ok.status).toBe(200);
    for (const model of ["user", "account", "session", "twoFactor"] as const) {
      expect(await authRows(t, model as never), model).toEqual([]);
    }
    expect(await appUsers(t)).toEqual([]);
    // Notes go in scheduled batches (convex/userData.ts).
    await finishScheduled(t);
    expect(
      await t.run(async (ctx) => await ctx.db.query("notes").collect()),
    ).toEqual([]);
  });
});

describe("social sign-in", () => {
  test("offers only providers with credentials, and never a secret", async () => {
    const t = makeBackend();
    expect(await t.query(api.account.socialProviders, {})).toEqual([]);
    process.env.GITHUB_CLIENT_ID = "gh-id";
    process.env.GITHUB_CLIENT_SECRET = "gh-secret-value";
    process.env.GOOGLE_CLIENT_ID = "only-an-id";
    try {
      const providers = await t.query(api.account.socialProviders, {});
      expect(providers).toEqual(["github"]);
      expect(JSON.stringify(providers)).not.toContain("gh-secret-value");
    } finally {
      delete process.env.GITHUB_CLIENT_ID;
      delete process.env.GITHUB_CLIENT_SECRET;
      delete process.env.GOOGLE_CLIENT_ID;
    }
  });
});

/** A session from an emailed sign-in link for `email`: its cookies. */
async function magicLinkSession(t: Backend, email: string): Promise<string> {
  const request = await authFetch(t, "/sign-in/magic-link", {
    body: { email, callbackURL: `${SITE_URL}/` },
  });
  expect(request.status).toBe(200);
  const { location } = await openLink(
    t,
    clickedMagicLink(await mailLink(t, email, "Your sign-in link")),
  );
  const verify = await authFetch(t, "/cross-domain/one-time-token/verify", {
    body: { token: location.searchParams.get("ott") },
  });
  expect(verify.status).toBe(200);
  return mergeCookies("", verify);
}

/**
 * A user without a password: signed up, then the password removed, as a
 * password set before the address was verified is (convex/unprovenPassword.ts);
 * they sign in with emailed links. Returns such a session's cookies.
 */
async function passwordlessUser(t: Backend) {
  const user = newUser("nopassword");
  await signUp(t, user);
  await t.run(async (ctx) => {
    await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
      input: {
        model: "account",
        where: [{ field: "providerId", value: "credential" }],
      },
    });
  });
  expect(await authRows(t, "account")).toEqual([]);
  return { email: user.email, cookie: await magicLinkSession(t, user.email) };
}

describe("an account without a password (Settings)", () => {
  test("sets one through the reset link, then signs in with it", async () => {
    const t = makeBackend();
    const { email } = await passwordlessUser(t);

    const request = await authFetch(t, "/request-password-reset", {
      body: { email, redirectTo: `${SITE_URL}/reset-password` },
    });
    expect(request.status).toBe(200);
    const { location } = await openLink(
      t,
      await mailLink(t, email, "Reset your password"),
    );
    const reset = await authFetch(t, "/reset-password", {
      body: {
        token: location.searchParams.get("token"),
        newPassword: "my first password",
      },
    });
    expect(reset.status).toBe(200);
    expect(
      (await authRows<{ providerId: string }>(t, "account")).map(
        (a) => a.providerId,
      ),
    ).toEqual(["credential"]);
    const signedIn = await signIn(t, { email, password: "my first password" });
    expect(signedIn.status).toBe(200);
  });

  test("deletes with a session from the last day; an older one is told to sign in again", async () => {
    const t = makeBackend();
    const { email, cookie } = await passwordlessUser(t);
    // A day and a minute ago: past Better Auth's default freshAge.
    await t.run(async (ctx) => {
      await ctx.runMutation(components.betterAuth.adapter.updateMany, {
        input: {
          model: "session",
          where: [],
          update: { createdAt: Date.now() - 86_460_000 },
        },
        paginationOpts: { numItems: 10, cursor: null },
      });
    });
    const stale = await authFetch(t, "/delete-user", { cookie, body: {} });
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ code: "SESSION_EXPIRED" });
    expect(await appUsers(t)).toHaveLength(1);

    const fresh = await magicLinkSession(t, email);
    const ok = await authFetch(t, "/delete-user", { cookie: fresh, body: {} });
    expect(ok.status).toBe(200);
    expect(await appUsers(t)).toEqual([]);
  });

  test("two-factor can't be turned on without a password", async () => {
    const t = makeBackend();
    const { cookie } = await passwordlessUser(t);
    const enable = await authFetch(t, "/two-factor/enable", {
      cookie,
      body: { password: "anything at all" },
    });
    expect(enable.status).toBe(400);
    expect(await authRows(t, "twoFactor" as never)).toEqual([]);
  });
});

describe("passkey names", () => {
  test("at most 64 characters, at rename and at registration, said in the refusal", async () => {
    const t = makeBackend();
    const ada = await signUp(t, newUser("ada"));
    const id = await t.run(async (ctx) => {
      const row = await ctx.runMutation(components.betterAuth.adapter.create, {
        input: {
          model: "passkey",
          data: {
            name: "Laptop",
            userId: ada.userId,
            publicKey: "cHVibGljLWtleQ",
            credentialID: "credential-laptop",
            counter: 0,
            deviceType: "singleDevice",
            backedUp: false,
            transports: "internal",
            createdAt: Date.now(),
          },
        },
      });
      return (row as { _id: string })._id;
    });
    const rename = (name: string) =>
      authFetch(t, "/passkey/update-passkey", {
        cookie: ada.cookie,
        body: { id, name },
      });
    const tooLong = await rename("x".repeat(65));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      code: "VALIDATION_ERROR",
      message: "A passkey name can be at most 64 characters.",
    });
    expect((await rename(` ${"y".repeat(64)} `)).status).toBe(200);
    expect(
      (await authRows<{ name: string }>(t, "passkey")).map((p) => p.name),
    ).toEqual(["y".repeat(64)]);

    // Registration is refused before its response is even read.
    const register = await authFetch(t, "/passkey/verify-registration", {
      cookie: ada.cookie,
      body: { response: {}, name: "z".repeat(65) },
    });
    expect(register.status).toBe(400);
    expect(await register.json()).toMatchObject({ code: "VALIDATION_ERROR" });
  });
});
