/**
 * The journeys timed, each run on an app's own browser context (one per
 * app, kept across its runs, as one returning visitor):
 *
 *   reload          reload while signed in          → the user's own data
 *   sign-in         click "Sign in" (fresh page)    → the user's own data
 *   reload +100 ms  the reload, 100 ms added to every HTTP request
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { emulateLatency } from "../browserBench";
import type { BenchedApp, BenchUser } from "./apps";
import { measurement, type Measurement } from "./phases";
import { installProbe, timingsOnceShown } from "./probe";
import type { ServedApp } from "./servedApp";

export const LATENCY_MS = 100;

export type AppSession = {
  app: BenchedApp;
  served: ServedApp;
  context: BrowserContext;
  page: Page;
  user: BenchUser;
};

export type Journey = {
  key: "reload" | "signIn" | "reloadLatency";
  label: string;
  run(session: AppSession): Promise<Measurement>;
};

/** A fresh context for `app`, the probe in every document, a signed-in user. */
export async function openSession(
  browser: Browser,
  app: BenchedApp,
  served: ServedApp,
  user: BenchUser,
): Promise<AppSession> {
  const context = await browser.newContext({ baseURL: served.url });
  await context.addInitScript(installProbe, app.probe(user));
  const page = await context.newPage();
  await app.createAccount(served, page, user);
  await settle(page);
  return { app, served, context, page, user };
}

/**
 * Lets the page finish what follows its first data (lazy chunks, a token
 * refresh), so it doesn't run into the next measurement, of either app.
 */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForLoadState("networkidle", { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(250);
}

async function reload({ page }: AppSession): Promise<Measurement> {
  await page.reload();
  const timings = await timingsOnceShown(page);
  await settle(page);
  return measurement(timings, 0);
}

export const JOURNEYS: Journey[] = [
  { key: "reload", label: "reload → own data", run: reload },
  {
    key: "signIn",
    label: '"Sign in" click → own data',
    async run({ app, page, user }) {
      await app.signOut(page);
      const button = await app.fillSignIn(page, user);
      // A person takes seconds to type: the page is idle by the click.
      await settle(page);
      await button.click();
      const timings = await timingsOnceShown(page);
      const click = timings.probe.clicks.at(-1);
      if (click === undefined) throw new Error("The click was not observed.");
      await settle(page);
      return measurement(timings, click);
    },
  },
  {
    key: "reloadLatency",
    label: `reload, +${LATENCY_MS} ms per HTTP request`,
    async run(session) {
      const latency = await emulateLatency(
        session.context,
        session.page,
        LATENCY_MS,
      );
      try {
        return await reload(session);
      } finally {
        await latency.stop();
      }
    },
  },
];
