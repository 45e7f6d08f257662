import { mkdirSync } from "node:fs";
import type { BrowserContext } from "playwright-core";
import { test } from "vitest";
import { newUserContext, type TestApp } from "./app";

export const SCREENSHOT_DIR = "test-results";

type Journey = (tools: {
  newContext: () => Promise<BrowserContext>;
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
          newContext: async () => {
            const context = await newUserContext(app());
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
