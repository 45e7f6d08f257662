import { afterEach, describe, expect, test } from "vitest";
import * as devMailbox from "../convex/devMailbox";
import { api, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  authFetch,
  makeBackend,
  mergeCookies,
  newUser,
  openVerificationLink,
  signIn,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";

async function latestMail(t: Backend, to: string) {
  const mail = await t.query(internal.devMailbox.latest, { to });
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

/** Opens an emailed link the way a browser would, returning the redirect target. */
async function openLink(t: Backend, link: string): Promise<URL> {
  const url = new URL(link);
  const response = await t.fetch(url.pathname + url.search, { method: "GET" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.EMAIL_FROM;
});

describe("the dev mailbox (no RESEND_API_KEY)", () => {
  test("only the page's two readers are public; writing and the operator's readers are internal", () => {
    const publicOnes = Object.entries(devMailbox)
      .filter(([, fn]) => (fn as { isPublic?: boolean }).isPublic)
      .map(([name]) => name)
      .sort();
    expect(publicOnes).toEqual(["available", "inbox"]);
  });

  test("the page's inbox lists every mail, newest first, on the local deployment", async () => {
    const t = makeBackend();
    const [first, second] = [newUser(), newUser()];
    await authFetch(t, "/sign-up/email", { body: first });
    await authFetch(t, "/sign-up/email", { body: second });
    expect(await t.query(api.devMailbox.available, {})).toBe(true);
    // Signed out, as on the "check your inbox" screens.
    const inbox = await t.query(api.devMailbox.inbox, {});
    expect(inbox.map((mail) => mail.to)).toEqual([second.email, first.email]);
    expect(inbox[0]).toMatchObject({
      subject: "Verify your email address",
      link: expect.stringContaining(`${SITE_URL}/verify-email?token=`),
    });
  });

  test.each([
    ["SITE_URL is not loopback", "SITE_URL", "https://app.example.com"],
    // A cloud dev deployment whose SPA runs on localhost: reachable by anyone.
    [
      "the deployment is not on this machine",
      "CONVEX_SITE_URL",
      "https://happy-otter-123.convex.site",
    ],
  ])(
    "the page's inbox refuses when %s, signed in or not",
    async (_, variable, value) => {
      const t = makeBackend();
      const user = newUser();
      const signedIn = await asSession(t, await signUp(t, user));
      process.env[variable] = value;
      expect(await t.query(api.devMailbox.available, {})).toBe(false);
      await expect(t.query(api.devMailbox.inbox, {})).rejects.toThrow(
        /only on a local deployment/,
      );
      await expect(signedIn.query(api.devMailbox.inbox, {})).rejects.toThrow(
        /only on a local deployment/,
      );
    },
  );

  test("captures the verification email, and its link verifies the user and signs them in", async () => {
    const t = makeBackend();
    const user = newUser();
    const signedUp = await authFetch(t, "/sign-up/email", { body: user });
    const mail = await latestMail(t, user.email);
    expect(mail.subject).toBe("Verify your email address");
    expect((await appUsers(t))[0]?.emailVerified).toBe(false);

    // The link opens the SPA's page, which verifies the token via the API.
    const link = new URL(mail.link);
    expect(link.origin + link.pathname).toBe(`${SITE_URL}/verify-email`);
    const session = await openVerificationLink(
      t,
      user.email,
      mergeCookies("", signedUp),
    );
    expect((await appUsers(t))[0]?.emailVerified).toBe(true);
    const me = await (await asSession(t, session)).query(api.users.me, {});
    expect(me?.email).toBe(user.email);
  });

  test("captures the reset email, and its link really resets the password", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    const request = await authFetch(t, "/request-password-reset", {
      body: { email: user.email, redirectTo: `${SITE_URL}/reset-password` },
    });
    expect(request.status).toBe(200);
    const mail = await latestMail(t, user.email);
    expect(mail.subject).toBe("Reset your password");

    // The link checks the token and hands it to the SPA's reset page.
    const landing = await openLink(t, mail.link);
    expect(landing.origin + landing.pathname).toBe(
      `${SITE_URL}/reset-password`,
    );
    const token = landing.searchParams.get("token");
    expect(token).toBeTruthy();

    const reset = await authFetch(t, "/reset-password", {
      body: { newPassword: "my new password 2", token },
    });
    expect(reset.status).toBe(200);
    expect((await signIn(t, user)).status).toBe(401);
    expect(
      (await signIn(t, { email: user.email, password: "my new password 2" }))
        .status,
    ).toBe(200);

    // One use only.
    const again = await authFetch(t, "/reset-password", {
      body: { newPassword: "yet another password", token },
    });
    expect(again.status).toBe(400);
  });

  test("is off when a real email provider is configured", async () => {
    const t = makeBackend();
    process.env.RESEND_API_KEY = "re_test_key_for_the_resend_component";
    process.env.EMAIL_FROM = "Starter <noreply@example.com>";
    const user = newUser();
    const signUp = await authFetch(t, "/sign-up/email", { body: user });
    expect(signUp.status).toBe(200);
    expect(
      await t.query(internal.devMailbox.latest, { to: user.email }),
    ).toBeNull();
    await expect(
      t.mutation(internal.devMailbox.record, {
        to: user.email,
        subject: "x",
        template: "magicLink",
        props: { link: "x" },
      }),
    ).rejects.toThrow(/off while RESEND_API_KEY is set/);
  });
});
