/**
 * `npm run bench:vs-example`: this app beside the component's official
 * React example (`examples/react` of get-convex/better-auth, at the tag of
 * the component version installed here), run the same way and timed the
 * same way.
 *
 * Each app gets its own empty local backend, its variables set and its
 * convex/ pushed by the real Convex CLI, and a production build served by
 * its own `vite preview` (benchVsExample/servedApp.ts). One Chromium runs
 * both, each in a browser context of its own kept across its runs, with the
 * in-page probe of benchVsExample/probe.ts. After a warm-up run each (not
 * counted), the journeys alternate between the apps, and which goes first
 * alternates from run to run, so each run gives a pair measured side by
 * side and the ratio of that pair. Prints the medians against the goals,
 * first-load JS, and where each journey's time goes; writes everything as
 * JSON to node_modules/.cache/bench-vs-example/results.json.
 *
 *   RUNS=7              runs per journey and app (default 7)
 *   EXAMPLE_DIR=<dir>   a checkout of examples/react, instead of downloading
 *                       the tag's tarball from GitHub
 */
import { launchChromium, newUser } from "../tests/e2e/support/app";
import { exampleApp, thisApp, type BenchedApp } from "./benchVsExample/apps";
import {
  prepareExample,
  stageOutsideNodeModules,
} from "./benchVsExample/exampleProject";
import { firstLoadJs, type FirstLoadJs } from "./benchVsExample/firstLoadJs";
import {
  JOURNEYS,
  LATENCY_MS,
  openSession,
  type AppSession,
} from "./benchVsExample/journeys";
import {
  printSummary,
  summarise,
  writeResults,
  type AppKey,
  type Samples,
} from "./benchVsExample/report";
import { serveApp, type ServedApp } from "./benchVsExample/servedApp";
import { comparedVersions } from "./benchVsExample/versions";

const RUNS = Number(process.env.RUNS ?? 7);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`RUNS must be a whole number ≥ 1, not ${process.env.RUNS}`);

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));

try {
  const example = await prepareExample();
  const staged = stageOutsideNodeModules(example);
  cleanups.push(() => staged.remove());
  const apps: BenchedApp[] = [thisApp(), exampleApp(staged.root)];

  // One after the other: builds take both cores.
  const served: ServedApp[] = [];
  for (const app of apps) {
    console.log(`Starting ${app.label}: backend, push, production build …`);
    const one = await serveApp(app.setup);
    cleanups.push(() => one.close());
    served.push(one);
  }
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const sessions: AppSession[] = [];
  for (const [index, app] of apps.entries())
    sessions.push(
      await openSession(browser, app, served[index]!, newUser("bench")),
    );

  console.log("Warm-up run …");
  for (const journey of JOURNEYS)
    for (const session of sessions) await journey.run(session);
  const js = {} as Record<AppKey, FirstLoadJs>;
  for (const session of sessions)
    js[session.app.key] = await firstLoadJs(session);

  const samples = Object.fromEntries(
    JOURNEYS.map(({ key }) => [key, { thisApp: [], example: [] }]),
  ) as unknown as Samples;
  for (let run = 0; run < RUNS; run++) {
    console.log(`Run ${run + 1} of ${RUNS} …`);
    // Which app goes first alternates, so neither always follows the other.
    const order = run % 2 === 0 ? sessions : [...sessions].reverse();
    for (const journey of JOURNEYS)
      for (const session of order)
        samples[journey.key][session.app.key].push(await journey.run(session));
  }

  const summary = summarise(
    {
      runs: RUNS,
      latencyMs: LATENCY_MS,
      versions: {
        thisApp: comparedVersions(apps[0]!.setup.root),
        example: comparedVersions(example.dir),
      },
      example: {
        source: example.source,
        componentVersion: example.componentVersion,
        pinned: example.pinned,
      },
    },
    JOURNEYS,
    samples,
    js,
  );
  printSummary(summary, JOURNEYS);
  console.log(`\nResults as JSON: ${writeResults(summary)}`);
} finally {
  await cleanUp();
}
