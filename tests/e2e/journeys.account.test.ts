/**
 * Account self-service in a real browser against the local backend (the
 * admin console: admin.console.test.ts).
 */
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { components } from "../../convex/_generated/api";
import { authRows } from "../support/backend";
import {
  addNote,
  appUserByEmail,
  bootstrapAdmin,
  latestEmail,
  openEmailedLink,
  newUser,
  signInInBrowser,
  signUpInBrowser,
  type TestApp,
  textOf,
} from "./support/app";
import { expectOnlyNewPasswordWorks, useTestApp } from "./support/journey";

const { journey } = useTestApp();

/** Signs in with a password on the sign-in page already open. */
async function submitSignIn(
  page: Page,
  user: { email: string; password: string },
) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Settings from the header, then one of its sections by its link. */
async function openSettings(
  page: Page,
  section?: "Sign-in & security" | "Sessions" | "Danger zone",
) {
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("heading", { name: "Account settings" }).waitFor();
  if (!section) return;
  const nav = page.getByRole("navigation", { name: "Settings sections" });
  await nav.getByRole("link", { name: section }).click();
  await expect
    .poll(() =>
      nav.getByRole("link", { name: section }).getAttribute("aria-current"),
    )
    .toBe("page");
}

/** The toast that confirms a finished action. */
async function expectToast(page: Page, text: string) {
  await page.locator("[data-sonner-toast]").filter({ hasText: text }).waitFor();
}

/** Sets when the sessions of `email` started and were last extended. */
async function ageSessions(
  app: TestApp,
  email: string,
  update: { createdAt?: number; updatedAt?: number },
  only?: (session: { userAgent?: string }) => boolean,
) {
  const user = (await authRows(app.backend, "user")).find(
    (u) => u.email === email,
  )!;
  const sessions = (
    await authRows<{ _id: string; userId: string; userAgent?: string }>(
      app.backend,
      "session",
    )
  ).filter((s) => s.userId === user._id && (only?.(s) ?? true));
  for (const session of sessions)
    await app.backend.run(async (ctx) => {
      await ctx.runMutation(components.betterAuth.adapter.updateOne, {
        input: {
          model: "session",
          where: [{ field: "_id", value: session._id }],
          update,
        },
      });
    });
  return sessions.length;
}

describe("account self-service", () => {
  journey(
    "change password, then sign in with the new one",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await openSettings(page, "Sign-in & security");
      await page.getByLabel("Current password").fill(user.password);
      await page.getByLabel("New password").fill("my second password");
      // The new session briefly remounts the page, so wait for the answer
      // rather than for the transient notice.
      const changed = page.waitForResponse((r) =>
        r.url().endsWith("/change-password"),
      );
      await page.getByRole("button", { name: "Change password" }).click();
      expect((await changed).status()).toBe(200);

      await page.getByRole("button", { name: "Sign out" }).click();
      await expectOnlyNewPasswordWorks(page, user, "my second password");
    },
  );

  journey(
    "change email: the link sent to the new address moves the account there, and says so",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await openSettings(page);
      const newEmail = newUser("moved").email;
      await page.getByLabel("New email").fill(newEmail);
      await page.getByRole("button", { name: "Change email" }).click();
      await expect
        .poll(() => latestEmail(app, newEmail).catch(() => null))
        .toMatchObject({ subject: "Confirm your new email address" });

      await openEmailedLink(page, (await latestEmail(app, newEmail)).link);
      await expect.poll(textOf(page, "me-email")).toBe(newEmail);
      await expectToast(page, `Email changed to ${newEmail}`);
      expect(await appUserByEmail(app, user.email)).toBeNull();
      expect((await appUserByEmail(app, newEmail))?.emailVerified).toBe(true);
    },
  );

  journey(
    "sessions: this device first, when each was signed in and last seen; revoking another makes that tab lose access",
    async ({ app, newContext }) => {
      const user = newUser();
      const laptop = await (await newContext()).newPage();
      await signUpInBrowser(app, laptop, user);
      // The laptop signed in two days ago and was last seen three hours ago.
      const hour = 3_600_000;
      await ageSessions(app, user.email, {
        createdAt: Date.now() - 48 * hour,
        updatedAt: Date.now() - 3 * hour,
      });
      const phone = await (await newContext()).newPage();
      await signInInBrowser(phone, user);
      await phone.getByTestId("me-email").waitFor();

      // Seen from the phone, the newer session: it comes first anyway.
      await openSettings(phone, "Sessions");
      const sessions = phone.getByRole("list", { name: "Sessions" });
      const rows = sessions.getByTestId("session");
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).textContent()).toMatch(
        /This device.*signed in just now · active now/,
      );
      expect(await rows.nth(1).textContent()).toMatch(
        /signed in 2 days ago · last seen 3 hours ago/,
      );
      await rows.nth(1).getByRole("button", { name: "Revoke" }).click();
      await expect.poll(() => rows.count()).toBe(1);
      await expectToast(phone, "Session signed out");

      await laptop.getByRole("heading", { name: "Sign in" }).waitFor();
      expect(await laptop.getByTestId("me-email").count()).toBe(0);
    },
  );

  journey(
    "enable two-factor, then sign in with a code",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await page
        .context()
        .grantPermissions(["clipboard-read", "clipboard-write"]);
      await signUpInBrowser(app, page, user);
      await openSettings(page, "Sign-in & security");
      const section = page.getByRole("region", {
        name: "Two-factor authentication",
      });
      await section.getByLabel("Password").fill(user.password);
      await section.getByRole("button", { name: "Set up two-factor" }).click();
      await section
        .getByRole("img", { name: "Authenticator QR code" })
        .waitFor();
      const backupCodes = await section
        .getByRole("list", { name: "Backup codes" })
        .getByRole("listitem")
        .allTextContents();
      expect(backupCodes.length).toBeGreaterThanOrEqual(8);
      // The next step is typing the code: the field has the focus.
      await expect
        .poll(() =>
          section
            .getByLabel("Authentication code")
            .evaluate((input) => input === document.activeElement),
        )
        .toBe(true);

      const key = (await section.getByTestId("totp-secret").textContent())!;
      await section.getByRole("button", { name: "Copy key" }).click();
      await expectToast(page, "Key copied");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        key,
      );
      const download = page.waitForEvent("download");
      await section
        .getByRole("button", { name: "Download backup codes" })
        .click();
      const file = await (await download).path();
      expect(readFileSync(file, "utf8").trim().split("\n")).toEqual(
        backupCodes,
      );

      const secret = new TextDecoder().decode(base32.decode(key));
      const totp = () => createOTP(secret).totp();
      await section.getByLabel("Authentication code").fill(await totp());
      await section.getByRole("button", { name: "Turn on two-factor" }).click();
      await section.getByText("Two-factor authentication is on.").waitFor();

      // Signed out, a link to Settings asks to sign in, then returns there
      // through the second step.
      await page.getByRole("button", { name: "Sign out" }).click();
      await signInInBrowser(page, user, "/settings");
      await page
        .getByRole("heading", { name: "Two-factor authentication" })
        .waitFor();
      await page.getByLabel("Authentication code").fill("000000");
      await page.getByRole("button", { name: "Verify" }).click();
      await page.getByRole("alert").waitFor();
      await page.getByLabel("Authentication code").fill(await totp());
      await page.getByRole("button", { name: "Verify" }).click();
      await page.getByRole("heading", { name: "Account settings" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/settings");
    },
  );

  journey(
    "a link to a signed-in page opened signed out returns there after sign-in: with a password, with an emailed link, with an ended session still stored; a sign-out forgets it; a return-to elsewhere lands on the dashboard",
    async ({ app, newContext }) => {
      const admin = await bootstrapAdmin(app);
      const page = await (await newContext()).newPage();

      await page.goto("/settings");
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      const signInUrl = new URL(page.url());
      expect(signInUrl.pathname).toBe("/sign-in");
      expect(signInUrl.searchParams.get("redirect")).toBe("/settings");
      await submitSignIn(page, admin);
      await page.getByRole("heading", { name: "Account settings" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/settings");

      // Signing out forgets the page: the next sign-in starts on the dashboard.
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      expect(new URL(page.url()).search).toBe("");

      // A deep link with its query, through the emailed link's round trip.
      const { _id: adminId } = (await appUserByEmail(app, admin.email))!;
      const deepLink = `/admin?user=${adminId}`;
      await page.goto(deepLink);
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      await page.getByLabel("Email").fill(admin.email);
      await page
        .getByRole("button", { name: "Email me a sign-in link" })
        .click();
      await page.getByText("Check your inbox").waitFor();
      const email = await latestEmail(app, admin.email);
      expect(email.subject).toBe("Your sign-in link");
      const tab = await page.context().newPage();
      await openEmailedLink(tab, email.link);
      await expect.poll(textOf(tab, "detail-role")).toBe("admin");
      const landed = new URL(tab.url());
      expect(landed.origin + landed.pathname + landed.search).toBe(
        app.url + deepLink,
      );

      // A session this browser still holds but the server has ended (it
      // expired while the link sat in the inbox): the same way back.
      const stale = await (await newContext()).newPage();
      await stale.goto("/sign-in");
      await stale.evaluate(() =>
        localStorage.setItem(
          "better-auth_cookie",
          JSON.stringify({
            "better-auth.session_token": { value: "ended", expires: null },
          }),
        ),
      );
      await stale.goto("/settings");
      await stale.getByRole("heading", { name: "Sign in" }).waitFor();
      await submitSignIn(stale, admin);
      await stale.getByRole("heading", { name: "Account settings" }).waitFor();
      expect(new URL(stale.url()).pathname).toBe("/settings");

      // A return-to that isn't a path of this app is ignored.
      const stranger = await (await newContext()).newPage();
      await stranger.goto(
        `/sign-in?redirect=${encodeURIComponent("https://evil.example/")}`,
      );
      await submitSignIn(stranger, admin);
      await expect.poll(textOf(stranger, "me-email")).toBe(admin.email);
      expect(stranger.url()).toBe(`${app.url}/`);
    },
    90_000,
  );

  journey(
    "magic-link sign-in from the dev mailbox; a used link shows an error on the sign-in page",
    async ({ app, newContext }) => {
      const user = newUser();
      const setup = await (await newContext()).newPage();
      await signUpInBrowser(app, setup, user);

      const page = await (await newContext()).newPage();
      await page.goto("/");
      await page.getByLabel("Email").fill(user.email);
      await page
        .getByRole("button", { name: "Email me a sign-in link" })
        .click();
      await page.getByText("Check your inbox").waitFor();
      const email = await latestEmail(app, user.email);
      expect(email.subject).toBe("Your sign-in link");
      // Opened from the mail app: a new tab of the browser that asked.
      const tab = await page.context().newPage();
      await openEmailedLink(tab, email.link);
      await expect.poll(textOf(tab, "me-email")).toBe(user.email);

      // The link works once: opened again, in another browser, it says so.
      const again = await (await newContext()).newPage();
      await openEmailedLink(again, email.link);
      await again.getByRole("alert").waitFor();
      expect(new URL(again.url()).pathname).toBe("/sign-in");
    },
  );

  journey(
    "a sign-in link asked for in another browser signs nobody in (login CSRF by email)",
    async ({ app, newContext }) => {
      const attacker = newUser("attacker");
      const setup = await (await newContext()).newPage();
      await signUpInBrowser(app, setup, attacker);
      await setup.getByRole("button", { name: "Sign out" }).click();
      await setup.getByLabel("Email").fill(attacker.email);
      await setup
        .getByRole("button", { name: "Email me a sign-in link" })
        .click();
      await setup.getByText("Check your inbox").waitFor();
      const { link } = await latestEmail(app, attacker.email);

      const victim = await (await newContext()).newPage();
      await openEmailedLink(victim, link);
      const alert = victim.getByRole("alert");
      const signedIn = victim.getByTestId("me-email");
      await alert.or(signedIn).first().waitFor({ timeout: 15_000 });
      expect(await signedIn.allTextContents(), "signed in as").toEqual([]);
      expect(await alert.textContent()).toBe(
        "That sign-in link wasn't started from this browser, so it was ignored. Sign in again.",
      );
      await victim.getByRole("heading", { name: "Sign in" }).waitFor();
    },
  );

  journey(
    "delete account: the password, then a dialog; nothing of the user remains",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await addNote(page, "private");
      await openSettings(page, "Danger zone");
      await page.getByLabel("Password to confirm").fill("not my password");
      await page.getByRole("button", { name: "Delete my account" }).click();
      const dialog = page.getByRole("alertdialog");
      await dialog.getByRole("button", { name: "Delete account" }).click();
      await expect
        .poll(() => dialog.getByRole("alert").textContent())
        .toBe("Wrong password.");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await page.getByLabel("Password to confirm").fill(user.password);
      await page.getByRole("button", { name: "Delete my account" }).click();
      await dialog.getByRole("button", { name: "Delete account" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      await expectToast(page, "Account deleted");

      expect(await appUserByEmail(app, user.email)).toBeNull();
      await signInInBrowser(page, user);
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe(
          "Wrong email or password. Just signed up? Open the link we emailed you first.",
        );
    },
  );

  journey(
    "an account without a password: Settings asks for none, 2FA says to set one first, and deleting needs a sign-in from the last day, which it offers",
    async ({ app, newContext }) => {
      const user = newUser("nopassword");
      const setup = await (await newContext()).newPage();
      await signUpInBrowser(app, setup, user);
      // As a password set before the address was verified is removed
      // (convex/unprovenPassword.ts): emailed links sign in from now on.
      await app.backend.run(async (ctx) => {
        const { _id } = (await ctx.runQuery(
          components.betterAuth.adapter.findOne,
          {
            model: "user",
            where: [{ field: "email", value: user.email }],
          },
        )) as { _id: string };
        await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
          input: {
            model: "account",
            where: [{ field: "userId", value: _id }],
          },
        });
      });
      const page = await (await newContext()).newPage();
      const signInByLink = async () => {
        await page.getByLabel("Email").fill(user.email);
        await page
          .getByRole("button", { name: "Email me a sign-in link" })
          .click();
        await page.getByText("Check your inbox").waitFor();
        await openEmailedLink(page, (await latestEmail(app, user.email)).link);
      };
      await page.goto("/");
      await signInByLink();
      await page.getByTestId("me-email").waitFor();

      await openSettings(page, "Sign-in & security");
      const methods = page.getByRole("list", { name: "Sign-in methods" });
      await expect
        .poll(() => methods.getByTestId("sign-in-method").allTextContents())
        .toEqual([`Emailed sign-in linksent to ${user.email}`]);
      const password = page.getByRole("region", { name: "Password" });
      await password.getByRole("button", { name: "Set a password" }).waitFor();
      expect(await password.getByLabel("Current password").count()).toBe(0);
      const twoFactor = page.getByRole("region", {
        name: "Two-factor authentication",
      });
      await twoFactor.getByText("Set a password above first.").waitFor();
      expect(await twoFactor.getByLabel("Password").count()).toBe(0);

      // Sessions from more than a day ago: Better Auth wants a new one.
      expect(
        await ageSessions(app, user.email, {
          createdAt: Date.now() - 25 * 3_600_000,
        }),
      ).toBeGreaterThan(0);
      await openSettings(page, "Danger zone");
      expect(await page.getByLabel("Password to confirm").count()).toBe(0);
      await page.getByRole("button", { name: "Delete my account" }).click();
      await page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Delete account" })
        .click();
      await page.getByText(/^Sign in again to delete your account/).waitFor();
      await page.getByRole("button", { name: "Sign in again" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      // The sign-out's own redirect to sign-in may land first; the page
      // settles on the one that comes back here.
      await expect
        .poll(() => new URL(page.url()).searchParams.get("redirect"))
        .toBe("/settings?section=danger");
      await signInByLink();
      await page.getByRole("button", { name: "Delete my account" }).click();
      await page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Delete account" })
        .click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      await expectToast(page, "Account deleted");
      expect(await appUserByEmail(app, user.email)).toBeNull();
    },
    90_000,
  );
});
