/**
 * Mail scanners fetch every link in an email before its reader does. A
 * plain GET of an emailed link must leave its token usable: each kind of
 * link is fetched as a scanner would, then used as its reader does.
 *
 * Links to the SPA reach no backend on a GET (the static host answers with
 * index.html), and their pages spend the token only on a click
 * (src/pages/VerifyEmail.tsx, src/pages/MagicLink.tsx; accepting an
 * invitation is a button too). Links to the Convex site are fetched here.
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import {
  appUsers,
  authFetch,
  clickedMagicLink,
  makeBackend,
  newUser,
  openVerificationLink,
  PASSWORD,
  signIn,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";
import { orgOf, person } from "./support/organizations";

/** SPA pages an emailed link may open: none spends a token on load. */
const CLICK_TO_SPEND = [
  /^\/verify-email$/,
  /^\/magic-link$/,
  /^\/invitation\/[^/]+$/,
];

/** What a scanner's GET does to the backend. */
async function scannerGet(t: Backend, link: string): Promise<void> {
  const url = new URL(link);
  if (url.origin === SITE_URL) {
    expect(CLICK_TO_SPEND.some((page) => page.test(url.pathname))).toBe(true);
    return;
  }
  expect(url.origin).toBe(process.env.CONVEX_SITE_URL);
  // No cookies, no Origin, redirects not followed: a bot's fetch.
  const response = await t.fetch(url.pathname + url.search, { method: "GET" });
  expect(response.status).toBeLessThan(500);
}

async function latestLink(t: Backend, to: string, subject: string) {
  const mail = await t.query(internal.devMailbox.latest, { to });
  expect(mail?.subject).toBe(subject);
  return mail!.link;
}

describe("a link scanner's GET leaves every emailed token usable", () => {
  test("verification link", async () => {
    const t = makeBackend();
    const user = newUser();
    await authFetch(t, "/sign-up/email", { body: user });
    const link = await latestLink(t, user.email, "Verify your email address");
    await scannerGet(t, link);
    await scannerGet(t, link);
    await openVerificationLink(t, user.email, "", { password: user.password });
    expect((await appUsers(t))[0]?.emailVerified).toBe(true);
  });

  test("sign-in (magic) link: Better Auth's own URL would be spent by a GET, so the email doesn't carry it", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    await authFetch(t, "/sign-in/magic-link", {
      body: { email: user.email, callbackURL: `${SITE_URL}/` },
    });
    const link = await latestLink(t, user.email, "Your sign-in link");
    await scannerGet(t, link);
    // The click: the verify route, once, hands over a sign-in.
    const verify = new URL(clickedMagicLink(link));
    const click = await t.fetch(verify.pathname + verify.search);
    expect(click.status).toBe(302);
    const landed = new URL(click.headers.get("location")!);
    expect(landed.searchParams.get("ott")).toBeTruthy();
    // Why the page: the same GET again finds the token spent.
    const again = await t.fetch(verify.pathname + verify.search);
    expect(
      new URL(again.headers.get("location")!).searchParams.get("ott"),
    ).toBeNull();
  });

  test("change-of-address link", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    await authFetch(t, "/change-email", {
      cookie: session.cookie,
      body: { newEmail: "moved@example.com", callbackURL: `${SITE_URL}/` },
    });
    const link = await latestLink(
      t,
      "moved@example.com",
      "Confirm your new email address",
    );
    await scannerGet(t, link);
    await openVerificationLink(t, "moved@example.com", session.cookie);
    expect((await appUsers(t))[0]?.email).toBe("moved@example.com");
  });

  test("password reset link", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    await authFetch(t, "/request-password-reset", {
      body: { email: user.email, redirectTo: `${SITE_URL}/reset-password` },
    });
    const link = await latestLink(t, user.email, "Reset your password");
    await scannerGet(t, link);
    await scannerGet(t, link);
    const token = new URL(link).pathname.split("/").at(-1)!;
    const reset = await authFetch(t, "/reset-password", {
      body: { token, newPassword: "a brand new password" },
    });
    expect(reset.status).toBe(200);
    expect(
      (await signIn(t, { email: user.email, password: "a brand new password" }))
        .status,
    ).toBe(200);
    expect((await signIn(t, { ...user, password: PASSWORD })).status).toBe(401);
  });

  test("invitation link, and the page's own read of it", async () => {
    const t = makeBackend();
    const owner = await person(t, "owner");
    await orgOf(owner, "Acme");
    const invited = await person(t, "invited");
    const invitationId = await owner.as.mutation(api.invitations.invite, {
      email: invited.user.email,
      role: "member",
    });
    const link = await latestLink(
      t,
      invited.user.email,
      "You're invited to join an organization",
    );
    await scannerGet(t, link);
    // A scanner that runs the page reads the preview, which changes nothing.
    await t.query(api.invitations.preview, { invitationId });
    await invited.as.mutation(api.invitations.accept, { invitationId });
    expect(await invited.as.query(api.organizations.active, {})).toMatchObject({
      memberCount: 2,
    });
  });
});
