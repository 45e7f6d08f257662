/**
 * Six-digit codes by email in a real browser (convex/emailCodes.ts): signing
 * in with one from the sign-in page, and verifying a new address with one
 * instead of the link.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  appUserByEmail,
  newUser,
  signInInBrowser,
  signUpInBrowser,
  submitSignUp,
  type TestApp,
} from "./support/app";
import { useTestApp } from "./support/journey";

const { journey } = useTestApp();

/**
 * The code in the newest email to `to`, read as an operator would, once
 * the mail action has rendered its text.
 */
async function mailedCode(app: TestApp, to: string): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const result = await app.backend.call(
      "query",
      "devMailbox:latest",
      { to },
      { kind: "admin" },
    );
    const mail = result.ok
      ? (result.value as { template?: string; text?: string } | null)
      : null;
    const code = mail?.template?.endsWith("Code")
      ? mail.text?.match(/^(\d{6})$/m)?.[1]
      : undefined;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No code was mailed to ${to}`);
}

async function enterCode(page: Page, code: string, button: string) {
  await page.getByLabel("Code from the email").fill(code);
  await page.getByRole("button", { name: button, exact: true }).click();
}

describe("codes by email", () => {
  journey(
    "sign in with a code from the sign-in page; a wrong one says so",
    async ({ app, newContext }) => {
      const user = newUser("code");
      await signUpInBrowser(app, await (await newContext()).newPage(), user);

      const page = await (await newContext()).newPage();
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(user.email);
      await page
        .getByRole("button", { name: "Email me a sign-in code" })
        .click();
      await page
        .getByText(`We sent a six-digit code to ${user.email}`)
        .waitFor();
      const code = await mailedCode(app, user.email);
      const wrongCode = code === "000000" ? "111111" : "000000";
      await enterCode(page, wrongCode, "Sign in with the code");
      await page.getByText("That code is not right").waitFor();
      await enterCode(page, code, "Sign in with the code");
      await page.getByTestId("me-role").waitFor();
      expect(new URL(page.url()).pathname).toBe("/");
    },
  );

  journey(
    "verify a new address with a code instead of the link; the password stays",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser("verified-by-code");
      await submitSignUp(page, user);
      await page
        .getByRole("button", { name: "Email me a code instead" })
        .click();
      await page
        .getByText(`We sent a six-digit code to ${user.email}`)
        .waitFor();
      await enterCode(page, await mailedCode(app, user.email), "Verify");
      await page.getByTestId("me-role").waitFor();
      expect(await appUserByEmail(app, user.email)).toMatchObject({
        emailVerified: true,
      });

      const again = await (await newContext()).newPage();
      await signInInBrowser(again, user);
      await again.getByTestId("me-role").waitFor();
    },
  );
});
