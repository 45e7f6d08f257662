/**
 * `npm run bench:auth`: how fast signing up and signing in feel, measured in
 * headless Chromium against the local backend (the same harness as the
 * browser tests). For each journey it prints the median and spread over
 * several runs, and how many HTTP requests and WebSocket messages it took.
 *
 *   sign-up: click "Sign up"          → "check your inbox" on screen
 *   link:    open the emailed link    → the dashboard shows the app users row
 *            (a full page load: the SPA starts, verifies, signs in)
 *   sign-in: click "Sign in"          → authenticated data (the users row) on screen
 */
import type { Page } from "playwright-core";
import {
  latestEmail,
  newUser,
  startTestApp,
  type TestApp,
} from "../tests/e2e/support/app";

const RUNS = Number(process.env.RUNS ?? 7);

type Sample = { ms: number; http: number; ws: number };

/** Counts a page's requests to the backend and its WebSocket messages. */
function countTraffic(app: TestApp, page: Page) {
  const counts = { http: 0, ws: 0 };
  const backend = [app.backend.cloudUrl, app.backend.siteUrl];
  page.on("request", (request) => {
    if (backend.some((url) => request.url().startsWith(url))) counts.http += 1;
  });
  page.on("websocket", (socket) => {
    socket.on("framesent", () => (counts.ws += 1));
    socket.on("framereceived", () => (counts.ws += 1));
  });
  return counts;
}

/** Times `action` until `done`, with the traffic in between. */
async function measure(
  counts: { http: number; ws: number },
  action: () => Promise<void>,
  done: () => Promise<unknown>,
): Promise<Sample> {
  const before = { ...counts };
  const started = performance.now();
  await action();
  await done();
  return {
    ms: performance.now() - started,
    http: counts.http - before.http,
    ws: counts.ws - before.ws,
  };
}

function summarize(label: string, samples: Sample[]) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    `${label.padEnd(9)} median ${at(0.5).toFixed(0).padStart(5)} ms   min ${sorted[0]!.toFixed(0).padStart(5)}   max ${sorted.at(-1)!.toFixed(0).padStart(5)}   ` +
      `HTTP requests ${median(samples.map((s) => s.http))}   WebSocket messages ${median(samples.map((s) => s.ws))}`,
  );
}

const app = await startTestApp();
const signUps: Sample[] = [];
const links: Sample[] = [];
const signIns: Sample[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await app.browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    const counts = countTraffic(app, page);
    const user = newUser("bench");

    await page.goto("/sign-up");
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    signUps.push(
      await measure(
        counts,
        () => page.getByRole("button", { name: "Sign up" }).click(),
        () => page.getByTestId("sign-up-sent").waitFor(),
      ),
    );
    const { link } = await latestEmail(app, user.email);
    links.push(
      await measure(
        counts,
        async () => void (await page.goto(link)),
        () => page.getByTestId("me-role").waitFor(),
      ),
    );

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    signIns.push(
      await measure(
        counts,
        () =>
          page.getByRole("button", { name: "Sign in", exact: true }).click(),
        () => page.getByTestId("me-email").waitFor(),
      ),
    );
    await context.close();
  }
} finally {
  await app.close();
}

console.log(
  `\nAuth journeys in headless Chromium against the local backend, ${RUNS} runs each:`,
);
summarize("sign-up", signUps);
summarize("link", links);
summarize("sign-in", signIns);
