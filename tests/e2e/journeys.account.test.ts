/**
 * Account self-service in a real browser against the local backend (the
 * admin console: admin.console.test.ts).
 */
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  appUserByEmail,
  convexCli,
  latestEmail,
  newUser,
  signInInBrowser,
  textOf,
  signUpInBrowser,
  type TestApp,
} from "./support/app";
import { expectOnlyNewPasswordWorks, useTestApp } from "./support/journey";

const { journey } = useTestApp();

/** Accepts the confirm() dialogs that guard destructive actions. */
function acceptDialogs(page: Page) {
  page.on("dialog", (dialog) => void dialog.accept());
}

/** An admin created the way operators do: `npx convex run adminSetup:…`. */
async function bootstrapAdmin(app: TestApp) {
  const admin = newUser("admin");
  const result = await convexCli(app, [
    "run",
    "adminSetup:createAdminUser",
    JSON.stringify(admin),
  ]);
  expect(result.code).toBe(0);
  return admin;
}

/** Signs in with a password on the sign-in page already open. */
async function submitSignIn(
  page: Page,
  user: { email: string; password: string },
) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function openSettings(page: Page) {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { name: "Account settings" }).waitFor();
}

describe("account self-service", () => {
  journey(
    "change password, then sign in with the new one",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await openSettings(page);
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
    "change email: the link sent to the new address moves the account there",
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
        .toMatchObject({ subject: "Verify your email address" });

      await page.goto((await latestEmail(app, newEmail)).link);
      await expect.poll(textOf(page, "me-email")).toBe(newEmail);
      expect(await appUserByEmail(app, user.email)).toBeNull();
      expect((await appUserByEmail(app, newEmail))?.emailVerified).toBe(true);
    },
  );

  journey(
    "revoking another session makes that tab lose access",
    async ({ app, newContext }) => {
      const user = newUser();
      const laptop = await (await newContext()).newPage();
      await signUpInBrowser(app, laptop, user);
      const phone = await (await newContext()).newPage();
      await signInInBrowser(phone, user);
      await phone.getByTestId("me-email").waitFor();

      await openSettings(laptop);
      const sessions = laptop.getByRole("list", { name: "Sessions" });
      await expect.poll(() => sessions.getByRole("listitem").count()).toBe(2);
      await sessions.getByText("This device").waitFor();
      await sessions.getByRole("button", { name: "Revoke" }).click();
      await expect.poll(() => sessions.getByRole("listitem").count()).toBe(1);

      await phone.getByRole("heading", { name: "Sign in" }).waitFor();
      expect(await phone.getByTestId("me-email").count()).toBe(0);
    },
  );

  journey(
    "enable two-factor, then sign in with a code",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await openSettings(page);
      const section = page.getByRole("region", {
        name: "Two-factor authentication",
      });
      await section.getByLabel("Password").fill(user.password);
      await section.getByRole("button", { name: "Set up two-factor" }).click();
      await section
        .getByRole("img", { name: "Authenticator QR code" })
        .waitFor();
      expect(
        await section
          .getByRole("list", { name: "Backup codes" })
          .getByRole("listitem")
          .count(),
      ).toBeGreaterThanOrEqual(8);

      const secret = new TextDecoder().decode(
        base32.decode(
          (await section.getByTestId("totp-secret").textContent())!,
        ),
      );
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
      await tab.goto(email.link);
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
      await tab.goto(email.link);
      await expect.poll(textOf(tab, "me-email")).toBe(user.email);

      // The link works once: opened again, in another browser, it says so.
      const again = await (await newContext()).newPage();
      await again.goto(email.link);
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
      await victim.goto(link);
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
    "delete account: nothing of the user remains",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      acceptDialogs(page);
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await page.getByLabel("Note").fill("private");
      await page.getByRole("button", { name: "Add note" }).click();
      await page.getByText("private").waitFor();
      await openSettings(page);
      await page.getByLabel("Password to confirm").fill(user.password);
      await page.getByRole("button", { name: "Delete my account" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();

      expect(await appUserByEmail(app, user.email)).toBeNull();
      await signInInBrowser(page, user);
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe(
          "Wrong email or password. Just signed up? Open the link we emailed you first.",
        );
    },
  );
});
