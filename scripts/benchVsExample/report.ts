/**
 * The benchmark's results: summarised against the goals, printed as
 * tables, and kept as JSON for others to quote.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, resolve } from "node:path";
import { median } from "../browserBench";
import type { FirstLoadJs } from "./firstLoadJs";
import type { Journey } from "./journeys";
import { PHASES, type Measurement } from "./phases";

export const RESULTS_FILE = resolve(
  "node_modules/.cache/bench-vs-example/results.json",
);

/** Most this app may take, as a share of the example's time (median of pairs). */
const RATIO_GOALS: Record<Journey["key"], number> = {
  reload: 0.8,
  signIn: 0.9,
  reloadLatency: 0.7,
};
const FIRST_LOAD_JS_GOAL_KB = 135;

export type AppKey = "thisApp" | "example";
/** Per journey, each app's measurements; index i of both is run i (a pair). */
export type Samples = Record<Journey["key"], Record<AppKey, Measurement[]>>;

type Spread = { median: number; min: number; max: number };

function spread(values: number[]): Spread {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export type RunInfo = {
  runs: number;
  latencyMs: number;
  versions: Record<AppKey, Record<string, string>>;
  example: {
    source: string;
    componentVersion: string;
    pinned: Record<string, string>;
  };
};

export function summarise(
  info: RunInfo,
  journeys: Journey[],
  samples: Samples,
  js: Record<AppKey, FirstLoadJs>,
) {
  const journeySummaries = journeys.map(({ key, label }) => {
    const { thisApp, example } = samples[key];
    const ratios = thisApp.map((sample, run) => sample.ms / example[run]!.ms);
    const medianRatio = median(ratios);
    return {
      key,
      label,
      thisApp: spread(thisApp.map((sample) => sample.ms)),
      example: spread(example.map((sample) => sample.ms)),
      pairRatios: ratios,
      medianRatio,
      goal: RATIO_GOALS[key],
      met: medianRatio <= RATIO_GOALS[key],
    };
  });
  const phases = Object.fromEntries(
    journeys.map(({ key }) => [
      key,
      PHASES.filter(
        (phase) => phase.name in samples[key].thisApp[0]!.phases,
      ).map((phase) => ({
        name: phase.name,
        thisApp: phaseMedian(samples[key].thisApp, phase.name),
        example: phaseMedian(samples[key].example, phase.name),
      })),
    ]),
  ) as Record<Journey["key"], PhaseRow[]>;
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    ...info,
    journeys: journeySummaries,
    phases,
    firstLoadJs: {
      ...js,
      goalKb: FIRST_LOAD_JS_GOAL_KB,
      // The goal is bench:bundle's budget: what index.html names (printed
      // beside it), not the lazy chunks a reload also fetches.
      met: js.thisApp.initial.gzipBytes <= FIRST_LOAD_JS_GOAL_KB * 1000,
    },
    samples,
  };
}

export type Summary = ReturnType<typeof summarise>;
type PhaseRow = {
  name: string;
  thisApp: PhaseMedian;
  example: PhaseMedian;
};
/** The median over the runs where the moment happened, and in how many. */
type PhaseMedian = { median: number | null; seenIn: number; of: number };

function phaseMedian(samples: Measurement[], name: string): PhaseMedian {
  const seen = samples
    .map((sample) => sample.phases[name])
    .filter((value): value is number => value !== null && value !== undefined);
  return {
    median: seen.length > 0 ? median(seen) : null,
    seenIn: seen.length,
    of: samples.length,
  };
}

const ms = (value: number) => `${value.toFixed(0)}`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const pad = (text: string, width: number) => text.padEnd(width);
const padLeft = (text: string, width: number) => text.padStart(width);

function printJourneys(summary: Summary) {
  console.log(
    `\nJourneys: ${summary.runs} runs each, interleaved in one Chromium (after a warm-up run each); ms from the start to the user's own data in the DOM.`,
  );
  console.log(
    `${pad("journey", 36)}${pad("this app: median (min–max)", 28)}${pad("example: median (min–max)", 28)}${pad("ratio*", 9)}${pad("goal", 9)}met`,
  );
  for (const row of summary.journeys) {
    const cell = (s: Spread) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
    console.log(
      `${pad(row.label, 36)}${pad(cell(row.thisApp), 28)}${pad(cell(row.example), 28)}${pad(`${row.medianRatio.toFixed(2)}×`, 9)}${pad(`≤ ${row.goal.toFixed(2)}×`, 9)}${row.met ? "yes" : "NO"}`,
    );
  }
  console.log("* the median of the per-run ratios, this app ÷ example");
}

function printFirstLoadJs(summary: Summary) {
  const { firstLoadJs } = summary;
  console.log(
    "\nFirst-load JS, gzip -9 of the built files (1 kB = 1,000 bytes):",
  );
  console.log(
    `${pad("", 12)}${padLeft("fetched for a signed-in reload", 34)}${padLeft("named by index.html", 26)}`,
  );
  for (const key of ["thisApp", "example"] as const) {
    const { fetched, initial } = firstLoadJs[key];
    const goal =
      key === "thisApp"
        ? `   goal ≤ ${firstLoadJs.goalKb} kB: ${firstLoadJs.met ? "yes" : "NO"}`
        : "";
    console.log(
      `${pad(key === "thisApp" ? "this app" : "example", 12)}${padLeft(`${kB(fetched.gzipBytes)} in ${fetched.files.length} files`, 34)}${padLeft(`${kB(initial.gzipBytes)} in ${initial.files.length}`, 26)}${goal}`,
    );
  }
}

function printPhases(summary: Summary, journeys: Journey[]) {
  for (const journey of journeys) {
    const from = journey.key === "signIn" ? "the click" : "navigation start";
    console.log(
      `\nWhere the time goes: ${journey.label} (median ms from ${from})`,
    );
    console.log(
      `${pad("phase", 24)}${padLeft("this app", 10)}${padLeft("example", 10)}${padLeft("difference", 12)}`,
    );
    for (const row of summary.phases[journey.key]) {
      const cell = (value: PhaseMedian) =>
        value.median === null
          ? "—"
          : `${ms(value.median)}${value.seenIn < value.of ? ` (${value.seenIn}/${value.of})` : ""}`;
      const difference =
        row.thisApp.median === null || row.example.median === null
          ? ""
          : `${row.thisApp.median - row.example.median >= 0 ? "+" : ""}${ms(row.thisApp.median - row.example.median)}`;
      console.log(
        `${pad(row.name, 24)}${padLeft(cell(row.thisApp), 10)}${padLeft(cell(row.example), 10)}${padLeft(difference, 12)}`,
      );
    }
  }
  console.log("\nPhases:");
  for (const phase of PHASES)
    console.log(
      `  ${pad(phase.name, 22)}${phase.means}${phase.pageLoadOnly ? " (page loads only)" : ""}`,
    );
  console.log(
    '  "—": never happened in that journey; (n/m): happened in n of the m runs.',
  );
}

function printVersions(summary: Summary) {
  console.log("\nVersions:");
  for (const name of Object.keys(summary.versions.thisApp))
    console.log(
      `  ${pad(name, 26)}this app ${pad(summary.versions.thisApp[name]!, 10)} example ${summary.versions.example[name]}`,
    );
  console.log(
    `  example: examples/react of @convex-dev/better-auth v${summary.example.componentVersion}, from ${summary.example.source}; pinned ${Object.entries(
      summary.example.pinned,
    )
      .map(([name, version]) => `${name}@${version}`)
      .join(", ")}; other dependencies from its package-lock.json.`,
  );
}

export function printSummary(summary: Summary, journeys: Journey[]): void {
  printJourneys(summary);
  printFirstLoadJs(summary);
  printPhases(summary, journeys);
  printVersions(summary);
}

export function writeResults(summary: Summary): string {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  return RESULTS_FILE;
}
