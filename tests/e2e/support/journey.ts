import { mkdirSync } from "node:fs";
import type {
  BrowserContext,
  BrowserContextOptions,
  Page,
} from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  newUserContext,
  signInInBrowser,
  startTestApp,
  type TestApp,
  type TestAppOptions,
} from "./app";

export const SCREENSHOT_DIR = "test-results";

type Journey = (tools: {
  app: TestApp;
  /** A new browser profile; `{ locale: "de-DE" }` for a German one. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
}) => Promise<void>;

async function screenshotAll(name: string, contexts: BrowserContext[]) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const pages = contexts.flatMap((context) => context.pages());
  await Promise.all(
    pages.map((page, i) =>
      page
        .screenshot({
          path: `${SCREENSHOT_DIR}/${slug}-${i + 1}.png`,
          fullPage: true,
        })
        .catch(() => undefined),
    ),
  );
}

/**
 * A browser test: every context it opens is closed afterwards, and if it
 * fails, each open page is saved as a screenshot in test-results/.
 */
export function journey(
  name: string,
  app: () => TestApp,
  run: Journey,
  timeout = 60_000,
) {
  test(
    name,
    async () => {
      const contexts: BrowserContext[] = [];
      try {
        await run({
          app: app(),
          newContext: async (options) => {
            const context = await newUserContext(app(), options);
            contexts.push(context);
            return context;
          },
        });
      } catch (error) {
        await screenshotAll(name, contexts);
        throw error;
      } finally {
        await Promise.all(
          contexts.map((context) => context.close().catch(() => undefined)),
        );
      }
    },
    timeout,
  );
}

/**
 * One test app (Vite + the local backend + Chromium) for a file's journeys:
 * started before them, stopped after. Returns `journey` bound to it.
 */
export function useTestApp(
  options: {
    env?: () => Record<string, string>;
    hostname?: TestAppOptions["hostname"];
  } = {},
) {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp({
      env: options.env?.(),
      hostname: options.hostname,
    });
  }, 120_000);
  afterAll(async () => await app?.close());
  const current = () => {
    if (!app) throw new Error("The test app did not start.");
    return app;
  };
  return {
    journey: (name: string, run: Journey, timeout?: number) =>
      journey(name, current, run, timeout),
  };
}

/** After a password change: the old one is refused as any wrong password is; the new one signs in. */
export async function expectOnlyNewPasswordWorks(
  page: Page,
  user: { email: string; password: string },
  newPassword: string,
) {
  await signInInBrowser(page, user);
  await expect
    .poll(() => page.getByRole("alert").textContent())
    .toBe(
      "Wrong email or password. Just signed up? Open the link we emailed you first.",
    );
  await signInInBrowser(page, { email: user.email, password: newPassword });
  await page.getByTestId("me-email").waitFor();
}
