/**
 * Account pre-hijacking (convex/unprovenPassword.ts): a stranger signs up
 * with someone's address and a password of their own. When the owner
 * verifies the address, by the emailed link or a magic link, that password
 * doesn't survive unless the person verifying shows they set it.
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import {
  asSession,
  authFetch,
  authRows,
  makeBackend,
  mergeCookies,
  newUser,
  openVerificationLink,
  signIn,
  verificationToken,
  verifyEmailLink,
  type Backend,
} from "./support/backend";

/** A stranger's sign-up with the victim's address; returns their cookies. */
async function strangerSignsUp(t: Backend, email: string) {
  const response = await authFetch(t, "/sign-up/email", {
    body: { email, password: "the strangers password", name: "Not me" },
  });
  expect(response.status).toBe(200);
  return mergeCookies("", response);
}

async function accountsOf(t: Backend, email: string) {
  const user = (await authRows(t, "user")).find((u) => u.email === email)!;
  const accounts = await authRows<{ userId: string; providerId: string }>(
    t,
    "account",
  );
  return {
    user,
    providers: accounts
      .filter((a) => a.userId === user._id)
      .map((a) => a.providerId),
  };
}

async function mailSubjects(t: Backend, to: string) {
  const mails = await t.query(internal.devMailbox.list, { to });
  return mails.map((mail) => mail.subject);
}

const strangersPassword = (email: string) => ({
  email,
  password: "the strangers password",
});

describe("a password set before the address was verified", () => {
  test("the owner opens the unrequested verification link: asked, then the stranger's password is gone", async () => {
    const t = makeBackend();
    const owner = newUser("owner");
    await strangerSignsUp(t, owner.email);

    // Opened in the owner's browser, which never signed up: the page asks.
    const asked = await verifyEmailLink(t, owner.email);
    expect(asked.status).toBe(409);
    expect(await asked.json()).toMatchObject({
      code: "CONFIRM_SIGN_UP_PASSWORD",
    });
    expect((await accountsOf(t, owner.email)).user.emailVerified).toBe(false);
    // A guess is refused and changes nothing.
    const guess = await verifyEmailLink(t, owner.email, "", {
      password: "a wrong guess at it",
    });
    expect(guess.status).toBe(401);
    expect(await guess.json()).toMatchObject({
      code: "SIGN_UP_PASSWORD_MISMATCH",
    });

    // "Continue without it": verified, signed in, and the password removed.
    const { cookie } = await openVerificationLink(
      t,
      owner.email,
      "",
      "remove password",
    );
    const after = await accountsOf(t, owner.email);
    expect(after.user.emailVerified).toBe(true);
    expect(after.providers).toEqual([]);
    expect((await signIn(t, strangersPassword(owner.email))).status).toBe(401);
    expect(
      (await (await asSession(t, { cookie })).query(api.users.me, {}))?.email,
    ).toBe(owner.email);
    // The owner is told how to choose a password.
    expect(await mailSubjects(t, owner.email)).toContain(
      "Your email address is confirmed",
    );
  });

  test("the stranger's other sessions end with it", async () => {
    const t = makeBackend();
    const owner = newUser("owner");
    await strangerSignsUp(t, owner.email);
    const { cookie } = await openVerificationLink(
      t,
      owner.email,
      "",
      "remove password",
    );
    const { user } = await accountsOf(t, owner.email);
    const sessions = (
      await authRows<{ userId: string; token: string }>(t, "session")
    ).filter((session) => session.userId === user._id);
    // Only the owner's new one.
    expect(sessions).toHaveLength(1);
    expect(cookie).toContain(sessions[0]!.token);
  });

  test("signing up again over a stranger's pending account proves nothing", async () => {
    const t = makeBackend();
    const owner = newUser("owner");
    await strangerSignsUp(t, owner.email);
    // The owner signs up themselves: the answer looks like any sign-up, and
    // a new link is mailed, but their browser's proof doesn't cover the
    // stranger's password.
    const again = await authFetch(t, "/sign-up/email", { body: owner });
    expect(again.status).toBe(200);
    const asked = await verifyEmailLink(
      t,
      owner.email,
      mergeCookies("", again),
    );
    expect(asked.status).toBe(409);
    // Their own password isn't the account's either.
    const theirs = await verifyEmailLink(
      t,
      owner.email,
      mergeCookies("", again),
      { password: owner.password },
    );
    expect(theirs.status).toBe(401);
  });

  test("the person who signed up keeps their password: same browser, or by typing it elsewhere", async () => {
    const t = makeBackend();
    const sameBrowser = newUser("same");
    const signedUp = await authFetch(t, "/sign-up/email", {
      body: sameBrowser,
    });
    await openVerificationLink(
      t,
      sameBrowser.email,
      mergeCookies("", signedUp),
    );
    expect((await signIn(t, sameBrowser)).status).toBe(200);

    const otherDevice = newUser("phone");
    await authFetch(t, "/sign-up/email", { body: otherDevice });
    await openVerificationLink(t, otherDevice.email, "", {
      password: otherDevice.password,
    });
    expect((await signIn(t, otherDevice)).status).toBe(200);
    expect(await mailSubjects(t, otherDevice.email)).not.toContain(
      "Your email address is confirmed",
    );
  });

  test("the owner asks for a magic link: signed in, the stranger's password is gone", async () => {
    const t = makeBackend();
    const owner = newUser("owner");
    await strangerSignsUp(t, owner.email);
    await authFetch(t, "/sign-in/magic-link", {
      body: { email: owner.email, callbackURL: "http://localhost:5173/" },
    });
    const token = await verificationToken(t, owner.email);
    const verify = await authFetch(
      t,
      `/magic-link/verify?token=${encodeURIComponent(token)}`,
    );
    expect(verify.status).toBeLessThan(400);
    const after = await accountsOf(t, owner.email);
    expect(after.user.emailVerified).toBe(true);
    expect(after.providers).toEqual([]);
    expect((await signIn(t, strangersPassword(owner.email))).status).toBe(401);
    expect(await mailSubjects(t, owner.email)).toContain(
      "Your email address is confirmed",
    );
  });
});
