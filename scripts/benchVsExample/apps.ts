/**
 * The two apps compared, each described by what differs between them:
 * where its project is, the query and the element that show the user's own
 * data, and how its pages sign a user up, in and out. Neither app's code is
 * changed; everything here drives its own pages and its own auth routes.
 */
import type { Locator, Page } from "playwright-core";
import { openEmailedLink, submitSignUp } from "../../tests/e2e/support/app";
import type { ProbeOptions } from "./probe";
import type { AppSetup, ServedApp } from "./servedApp";

export type BenchUser = { name: string; email: string; password: string };

export type BenchedApp = {
  /** Key in the JSON results. */
  key: "thisApp" | "example";
  label: string;
  setup: AppSetup;
  probe(user: BenchUser): ProbeOptions;
  /** Creates `user` and leaves `page` signed in, their data shown. */
  createAccount(served: ServedApp, page: Page, user: BenchUser): Promise<void>;
  /** Opens the sign-in page on a fresh load, fills it in; the button to click. */
  fillSignIn(page: Page, user: BenchUser): Promise<Locator>;
  /** Signs out through the app's own button; resolves once signed out. */
  signOut(page: Page): Promise<void>;
};

export function thisApp(): BenchedApp {
  return {
    key: "thisApp",
    label: "this app",
    setup: { label: "this app", root: process.cwd(), deploymentEnv: {} },
    // The `users` row (src/pages/Dashboard.tsx), as bench:auth waits for it.
    probe: () => ({
      ownQuery: "users:me",
      marker: { selector: '[data-testid="me-email"]' },
    }),
    async createAccount(served, page, user) {
      // Sign-up needs the emailed link: read from the dev mailbox as an
      // operator would (`convex run devMailbox:latest`).
      await submitSignUp(page, user);
      const result = await served.cli([
        "run",
        "devMailbox:latest",
        JSON.stringify({ to: user.email }),
      ]);
      if (result.code !== 0)
        throw new Error(`devMailbox:latest failed: ${result.stderr}`);
      const { link } = JSON.parse(result.stdout) as { link: string };
      // The link's page verifies on a click (scanner-safe links).
      await openEmailedLink(page, link);
      await page.getByTestId("me-email").waitFor();
    },
    async fillSignIn(page, user) {
      await page.goto("/");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(user.password);
      return page.getByRole("button", { name: "Sign in", exact: true });
    },
    async signOut(page) {
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
    },
  };
}

/**
 * The example, from `root` (prepared by exampleProject.ts). Its deployment
 * needs IS_TEST=true so that a password sign-in doesn't require a verified
 * address (convex/auth.ts), which also means sign-up sends no mail: Resend
 * (convex/email.tsx) is never called, so it needs no API key.
 */
export function exampleApp(root: string): BenchedApp {
  return {
    key: "example",
    label: "example",
    setup: { label: "example", root, deploymentEnv: { IS_TEST: "true" } },
    // Dashboard.tsx renders `user.email` from `api.auth.getCurrentUser`; the
    // address appears nowhere else as text (the form holds it as a value).
    probe: (user) => ({
      ownQuery: "auth:getCurrentUser",
      marker: { selector: "p", text: user.email },
    }),
    async createAccount(served, page, user) {
      // Its sign-up form is a page of its own; its route is the same one.
      const response = await fetch(
        `${served.deployment.siteUrl}/api/auth/sign-up/email`,
        {
          method: "POST",
          headers: { "content-type": "application/json", origin: served.url },
          body: JSON.stringify(user),
        },
      );
      if (!response.ok)
        throw new Error(
          `example sign-up: HTTP ${response.status} ${await response.text()}`,
        );
      await (await this.fillSignIn(page, user)).click();
      await page.getByText(user.email, { exact: true }).waitFor();
    },
    async fillSignIn(page, user) {
      await page.goto("/");
      // It opens on the passwordless form.
      await page
        .getByRole("button", { name: "Sign in with a password instead" })
        .click();
      await page.locator("#email").fill(user.email);
      await page.locator("#password").fill(user.password);
      return page.getByRole("button", { name: "Sign in with Password" });
    },
    async signOut(page) {
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByText("Sign In", { exact: true }).waitFor();
    },
  };
}
