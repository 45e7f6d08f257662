/**
 * `npm run bench:auth`: how fast signing up and signing in feel, measured in
 * headless Chromium on the production build against the local backend (the
 * same harness as the browser tests). For each journey it prints the median
 * and spread over several runs, and the median number of requests.
 *
 * Times are taken inside the page with `performance.now()`: from navigation
 * start (page loads) or from the click, to the moment the awaited element is
 * in the DOM (a MutationObserver installed before the app's own scripts).
 *
 *   sign-up: click "Sign up"               → "check your inbox"
 *   link:    open the emailed link         → the user's own data (users row)
 *   reload:  reload while signed in        → the user's own data
 *   sign-in: click "Sign in"               → the user's own data
 *
 * The last three run again with 100 ms of added latency on every HTTP
 * request (Chromium's network emulation). That delays the WebSocket's opening
 * handshake, an HTTP request, but not its frames: Convex's sync traffic still
 * runs at loopback speed in that variant.
 */
import type { Page } from "playwright-core";
import { emulateLatency, median } from "./browserBench";
import {
  latestEmail,
  newUser,
  startTestApp,
  type TestApp,
} from "../tests/e2e/support/app";

const RUNS = Number(process.env.RUNS ?? 7);
const LATENCY_MS = 100;

type Sample = { ms: number; http: number; token: number; session: number };
type Journey = "sign-up" | "link" | "reload" | "sign-in";

/**
 * Runs in every document before the app: records when each test id first
 * appears, and when the last button click happened.
 */
function installProbe() {
  const probe = {
    seen: {} as Record<string, number>,
    click: 0,
  };
  (window as unknown as { probe: typeof probe }).probe = probe;
  document.addEventListener(
    "click",
    (event) => {
      if ((event.target as Element).closest("button"))
        probe.click = performance.now();
    },
    true,
  );
  const ids = ["me-email", "sign-up-sent"];
  new MutationObserver(() => {
    for (const id of ids) {
      if (probe.seen[id] !== undefined) continue;
      if (document.querySelector(`[data-testid="${id}"]`))
        probe.seen[id] = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Counts the page's requests to the backend, token and session requests apart. */
function countTraffic(app: TestApp, page: Page) {
  const counts = { http: 0, token: 0, session: 0 };
  const backend = [app.backend.cloudUrl, app.backend.siteUrl];
  page.on("request", (request) => {
    const url = request.url();
    if (!backend.some((prefix) => url.startsWith(prefix))) return;
    counts.http += 1;
    if (url.includes("/api/auth/convex/token")) counts.token += 1;
    if (url.includes("/api/auth/get-session")) counts.session += 1;
  });
  return counts;
}

type Probe = { seen: Record<string, number>; click: number };

/** Runs `action`, waits for `testId`, and reads the in-page timing. */
async function measure(
  page: Page,
  counts: ReturnType<typeof countTraffic>,
  action: () => Promise<unknown>,
  testId: string,
  from: "navigation" | "click",
): Promise<Sample> {
  const before = { ...counts };
  // The element may have been on screen earlier in this document.
  await page.evaluate(() => {
    (window as unknown as { probe: Probe }).probe.seen = {};
  });
  await action();
  await page.getByTestId(testId).waitFor();
  const probe = await page.evaluate(
    () => (window as unknown as { probe: Probe }).probe,
  );
  const seen = probe.seen[testId];
  if (seen === undefined) throw new Error(`${testId} was not observed`);
  return {
    ms: seen - (from === "click" ? probe.click : 0),
    http: counts.http - before.http,
    token: counts.token - before.token,
    session: counts.session - before.session,
  };
}

async function runOnce(
  app: TestApp,
  latency: boolean,
  samples: Record<Journey, Sample[]>,
) {
  const context = await app.browser.newContext({ baseURL: app.url });
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  const counts = countTraffic(app, page);
  const user = newUser("bench");

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  const signUp = await measure(
    page,
    counts,
    () => page.getByRole("button", { name: "Sign up" }).click(),
    "sign-up-sent",
    "click",
  );
  // Sign-up is timed on loopback only: it is one request, and dominated by
  // password hashing.
  if (latency) await emulateLatency(context, page, LATENCY_MS);
  else samples["sign-up"].push(signUp);

  // The link's page verifies on the person's click (scanner-safe links):
  // timed from that click.
  const { link } = await latestEmail(app, user.email);
  await page.goto(link);
  samples.link.push(
    await measure(
      page,
      counts,
      () => page.getByRole("button", { name: "Verify email address" }).click(),
      "me-email",
      "click",
    ),
  );
  samples.reload.push(
    await measure(page, counts, () => page.reload(), "me-email", "navigation"),
  );

  // Signs in on a fresh page load, as a returning visitor would.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.goto("/");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  samples["sign-in"].push(
    await measure(
      page,
      counts,
      () => page.getByRole("button", { name: "Sign in", exact: true }).click(),
      "me-email",
      "click",
    ),
  );
  await context.close();
}

function summarize(label: string, samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(0).padStart(5);
  console.log(
    `${label.padEnd(9)} median ${f(median(ms))} ms   min ${f(ms[0]!)}   max ${f(ms.at(-1)!)}   ` +
      `HTTP requests ${median(samples.map((s) => s.http))} ` +
      `(token ${median(samples.map((s) => s.token))}, get-session ${median(samples.map((s) => s.session))})`,
  );
}

const empty = (): Record<Journey, Sample[]> => ({
  "sign-up": [],
  link: [],
  reload: [],
  "sign-in": [],
});
const loopback = empty();
const delayed = empty();
const app = await startTestApp();
try {
  for (let run = 0; run < RUNS; run++) {
    await runOnce(app, false, loopback);
    await runOnce(app, true, delayed);
  }
} finally {
  await app.close();
}

for (const [title, samples] of [
  ["loopback", loopback],
  [`${LATENCY_MS} ms added to every HTTP request (not WebSocket)`, delayed],
] as const) {
  console.log(`\n${title}, ${RUNS} runs each, production build:`);
  for (const journey of Object.keys(samples) as Journey[])
    if (samples[journey].length > 0) summarize(journey, samples[journey]);
}
