/**
 * The app in the person's language, in a real browser: picked from the
 * browser's languages, sent with the sign-up and stored on the user (the
 * Better Auth user's `locale`, mirrored to the app row), used for their
 * emails, switched from the header, and followed on another browser.
 *
 * The words come from the compiled messages, in the language asked for, so
 * the test checks which language shows, not a copy of the translation.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { m } from "../../src/paraglide/messages.js";
import {
  appUserByEmail,
  latestEmail,
  newUser,
  openEmailedLink,
  submitSignUp,
  textOf,
} from "./support/app";
import { SCREENSHOT_DIR, useTestApp } from "./support/journey";

const { journey } = useTestApp();

const de = { locale: "de" } as const;
const en = { locale: "en" } as const;

// Pages and saves take a moment on a loaded machine.
const LOADED = { timeout: 15_000 };

const htmlLang = (page: Page) =>
  page.evaluate(() => document.documentElement.lang);

describe("languages", () => {
  journey(
    "a German browser signs up in German, gets German mail, switches to English, and the choice follows the account",
    async ({ app, newContext }) => {
      const page = await (await newContext({ locale: "de-DE" })).newPage();
      const user = newUser("sprache");

      await page.goto("/sign-up");
      await expect.poll(() => htmlLang(page), LOADED).toBe("de");
      await page.getByLabel(m.auth_name_label({}, de)).fill(user.name);
      await page.getByLabel(m.auth_email_label({}, de)).fill(user.email);
      await page
        .getByLabel(m.auth_password_label({}, de), { exact: true })
        .fill(user.password);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/de-sign-up.png` });
      await page
        .getByRole("button", {
          name: m.auth_sign_up_submit({}, de),
          exact: true,
        })
        .click();
      await page.getByTestId("sign-up-sent").waitFor();

      // Stored with the account, and the first email is already German.
      expect((await appUserByEmail(app, user.email))?.locale).toBe("de");
      // Its HTML is rendered by a scheduled action, a moment after.
      await expect
        .poll(async () => (await latestEmail(app, user.email)).html, LOADED)
        .toContain('lang="de"');
      const mail = await latestEmail(app, user.email);

      await openEmailedLink(page, mail.link);
      await expect
        .poll(textOf(page, "me-role"), LOADED)
        .toBe(m.app_role_user({}, de));
      await expect
        .poll(
          () => page.getByRole("heading", { level: 1 }).textContent(),
          LOADED,
        )
        .toBe(m.app_profile_title({ name: user.name }, de));
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/de-dashboard.png`,
        fullPage: true,
      });

      // The header's switch: the page changes language in place (the
      // session and the data stay), and the account remembers it.
      await page.getByTestId("language-switch").selectOption("en");
      await expect
        .poll(
          () => page.getByRole("heading", { level: 1 }).textContent(),
          LOADED,
        )
        .toBe(m.app_profile_title({ name: user.name }, en));
      expect(await htmlLang(page)).toBe("en");
      await expect
        .poll(
          async () => (await appUserByEmail(app, user.email))?.locale,
          LOADED,
        )
        .toBe("en");

      // Another German browser: once signed in, the account's choice wins.
      const other = await (await newContext({ locale: "de-DE" })).newPage();
      await other.goto("/sign-in");
      await expect.poll(() => htmlLang(other), LOADED).toBe("de");
      await other.getByLabel(m.auth_email_label({}, de)).fill(user.email);
      await other
        .getByLabel(m.auth_password_label({}, de), { exact: true })
        .fill(user.password);
      await other
        .getByRole("button", { name: m.auth_sign_in({}, de), exact: true })
        .click();
      await expect
        .poll(textOf(other, "me-role"), LOADED)
        .toBe(m.app_role_user({}, en));
      expect(await htmlLang(other)).toBe("en");
    },
    120_000,
  );

  journey(
    "a wrong password in German gets Better Auth's error in German",
    async ({ newContext }) => {
      const page = await (await newContext({ locale: "de-DE" })).newPage();
      await page.goto("/sign-in");
      await page
        .getByLabel(m.auth_email_label({}, de))
        .fill("nobody@example.com");
      await page
        .getByLabel(m.auth_password_label({}, de), { exact: true })
        .fill("wrong password 123");
      await page
        .getByRole("button", { name: m.auth_sign_in({}, de), exact: true })
        .click();
      await expect
        .poll(() => page.getByRole("alert").textContent(), LOADED)
        .toBe(m.error_invalid_email_or_password({}, de));
    },
  );

  journey(
    "the language can be chosen in settings, and unknown values are refused by the server",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser("settings-language");
      await submitSignUp(page, user);
      expect((await appUserByEmail(app, user.email))?.locale).toBe("en");
      await openEmailedLink(page, (await latestEmail(app, user.email)).link);
      await page.getByTestId("me-role").waitFor();

      await page.goto("/settings");
      await page.getByTestId("language-setting").selectOption("de");
      await expect.poll(() => htmlLang(page), LOADED).toBe("de");
      await expect
        .poll(
          async () => (await appUserByEmail(app, user.email))?.locale,
          LOADED,
        )
        .toBe("de");
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/de-settings.png`,
        fullPage: true,
      });

      // The update route takes only the app's languages.
      const refused = await page.evaluate(async (siteUrl) => {
        // The session as the cross-domain client sends it (src/lib/authStorage.ts).
        const cookies = JSON.parse(
          localStorage.getItem("better-auth_cookie") ?? "{}",
        ) as Record<string, { value: string }>;
        const header = Object.entries(cookies)
          .map(([name, { value }]) => `${name}=${value}`)
          .join("; ");
        const response = await fetch(`${siteUrl}/api/auth/update-user`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "better-auth-cookie": header,
          },
          body: JSON.stringify({ locale: "xx" }),
        });
        return response.status;
      }, app.backend.siteUrl);
      expect(refused).toBe(400);
      expect((await appUserByEmail(app, user.email))?.locale).toBe("de");
    },
    90_000,
  );
});
