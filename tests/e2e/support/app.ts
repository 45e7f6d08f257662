/**
 * The whole app for browser tests, started by the test run itself: the local
 * in-memory backend (scripts/local-backend) running what the real Convex CLI
 * pushes (`convex dev --once`, as `npm start` does), the SPA built against it
 * and served by Vite's preview server (with the headers of dist/_headers, as
 * Netlify and Cloudflare Pages serve it: scripts/csp.ts), and Debian's
 * Chromium driven by playwright-core.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import {
  convexCli as runConvexCli,
  type CliResult,
} from "../../support/convexCli";
import { build, preview, type PreviewServer } from "vite";
import {
  startLocalBackend,
  type LocalBackend,
} from "../../../scripts/local-backend";
import type { DataModel } from "../../../convex/_generated/dataModel";
import { pushApp } from "../../support/pushApp";
import { mergeCookies, newUser } from "../../support/fixtures";

import { m } from "../../../src/paraglide/messages.js";
import { locales, type Locale } from "../../../src/paraglide/runtime.js";
export { newUser } from "../../support/fixtures";
import { convexTokenFor } from "../../support/localBackendAuth";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `vite build` as `npm run build` runs it. Vitest and vite-node set NODE_ENV
 * (test, development), and Vite would build that into the bundle: React's
 * development build, several times slower.
 */
async function buildForProduction(outDir: string) {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ logLevel: "error", build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export type TestApp = {
  url: string;
  /** Typed with this app's tables (the backend itself is generic). */
  backend: LocalBackend<DataModel>;
  browser: Browser;
  close(): Promise<void>;
};

export type TestAppOptions = {
  /** Extra backend variables, e.g. the dev OAuth provider's. */
  env?: Record<string, string>;
  /**
   * The SPA's host name. WebAuthn refuses an IP address as relying party,
   * so passkey journeys serve the SPA as `localhost`.
   */
  hostname?: "127.0.0.1" | "localhost";
};

export async function startTestApp({
  env,
  hostname = "127.0.0.1",
}: TestAppOptions = {}): Promise<TestApp> {
  const appPort = await freePort();
  const url = `http://${hostname}:${appPort}`;
  const backend = await startLocalBackend<DataModel>({
    siteUrl: url,
    echoLogs: false,
    env,
  });
  await pushApp(backend, { workspace: "e2e" });
  const outDir = mkdtempSync(join(tmpdir(), "spa-e2e-"));
  process.env.VITE_CONVEX_URL = backend.cloudUrl;
  process.env.VITE_CONVEX_SITE_URL = backend.siteUrl;
  await buildForProduction(outDir);
  const server: PreviewServer = await preview({
    logLevel: "error",
    build: { outDir },
    preview: { port: appPort, strictPort: true, host: "127.0.0.1" },
  });
  const browser = await launchChromium();
  return {
    url,
    backend,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) =>
        server.httpServer.close(() => resolve()),
      );
      await backend.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser profile (its own storage, so its own signed-in user). */
export async function newUserContext(
  app: TestApp,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return await app.browser.newContext({ baseURL: app.url, ...options });
}

/** Runs a real Convex CLI command against the local backend. */
export function convexCli(app: TestApp, args: string[]): Promise<CliResult> {
  return runConvexCli(app.backend, args);
}

/** An admin created the way operators do: `npx convex run adminSetup:…`. */
export async function bootstrapAdmin(app: TestApp) {
  const admin = newUser("admin");
  const result = await convexCli(app, [
    "run",
    "adminSetup:createAdminUser",
    JSON.stringify(admin),
  ]);
  if (result.code !== 0)
    throw new Error(`createAdminUser failed: ${result.stderr}`);
  return admin;
}

/** The newest dev-mailbox email to `to`, read the way an operator would (admin). */
export async function latestEmail(
  app: TestApp,
  to: string,
): Promise<{
  subject: string;
  link: string;
  template?: string;
  html?: string;
  text?: string;
}> {
  const result = await app.backend.call(
    "query",
    "devMailbox:latest",
    { to },
    { kind: "admin" },
  );
  if (!result.ok || !result.value) throw new Error(`No email to ${to}`);
  return result.value as {
    subject: string;
    link: string;
    template?: string;
    html?: string;
    text?: string;
  };
}

/**
 * Opens an emailed link as its reader does: a verification or sign-in
 * link's page spends its token only when the button is clicked (a link
 * scanner's visit doesn't), so this clicks it; other links just open.
 */
export async function openEmailedLink(page: Page, link: string) {
  await page.goto(link);
  const { pathname } = new URL(link);
  if (pathname === "/magic-link") {
    await page
      .getByRole("button", { name: inAnyLanguage(m.auth_sign_in) })
      .click();
  } else if (pathname === "/verify-email") {
    await page
      .getByRole("button", {
        name: inAnyLanguage(
          m.auth_verify_email_confirm,
          m.auth_verify_email_confirm_change,
        ),
      })
      .click();
  }
}

/** A button's name in whichever language the page speaks. */
function inAnyLanguage(
  ...messages: ((inputs: object, options: { locale: Locale }) => string)[]
): RegExp {
  const names = messages.flatMap((message) =>
    locales.map((locale) =>
      message({}, { locale }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    ),
  );
  return new RegExp(`^(${names.join("|")})$`);
}

/** Reads app tables directly, to check what is stored. */
export async function appUserByEmail(app: TestApp, email: string) {
  return await app.backend.run(
    async (ctx) =>
      await ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", email))
        .unique(),
  );
}

/** A test id's text, or null while it isn't on the page: for `expect.poll`. */
export function textOf(page: Page, testId: string) {
  return () =>
    page
      .getByTestId(testId)
      .textContent()
      .catch(() => null);
}

/** Fills in and submits the sign-up form; waits for "check your inbox". */
export async function submitSignUp(
  page: Page,
  user: { name: string; email: string; password: string },
) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByTestId("sign-up-sent").waitFor();
}

/** A whole sign-up: the form, then the emailed link, which signs in. */
export async function signUpInBrowser(
  app: TestApp,
  page: Page,
  user: { name: string; email: string; password: string },
) {
  await submitSignUp(page, user);
  await openEmailedLink(page, (await latestEmail(app, user.email)).link);
  await page.getByTestId("me-role").waitFor();
}

/**
 * Adds a note on the dashboard and waits until the server has it: a note
 * shows at once, "Saving…" without its delete button until then.
 */
export async function addNote(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Note" }).fill(text);
  await page.getByRole("button", { name: "Add note" }).click();
  await page
    .getByRole("button", { name: `Delete note: ${text}`, exact: true })
    .waitFor();
}

/** Opens `from` signed out (so the sign-in page) and signs in with a password. */
export async function signInInBrowser(
  page: Page,
  user: { email: string; password: string },
  from = "/",
) {
  await page.goto(from);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in over HTTP, as a script would, and returns the Convex JWT. */
export async function convexToken(
  app: TestApp,
  user: { email: string; password: string },
): Promise<string> {
  const signIn = await fetch(`${app.backend.siteUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  return await convexTokenFor(app.backend, app.url, mergeCookies("", signIn));
}

/** The user tokens the page's Convex client sends, in order. */
export function tokensSentToConvex(page: Page): string[] {
  const tokens: string[] = [];
  page.on("websocket", (socket) =>
    socket.on("framesent", ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        type: string;
        tokenType?: string;
        value?: string;
      };
      if (message.type === "Authenticate" && message.tokenType === "User")
        tokens.push(message.value!);
    }),
  );
  return tokens;
}
