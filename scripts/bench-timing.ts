/**
 * `npm run bench:timing`: whether the response time of sign-up and password
 * reset tells a registered address from a new one. The answers are the same
 * (tests/noEnumeration.test.ts); the work behind them is not:
 *
 *   sign-up, new address          hash, auth user + app row, credential account, mail
 *   sign-up, taken (verified)     hash, "you already have an account" mail
 *   sign-up, taken (unverified)   hash, a new verification link
 *   reset, known address          a reset token row, mail
 *   reset, unknown address        nothing (one dummy lookup)
 *
 * Runs the bundles the Convex CLI pushes to the local backend (as the browser
 * tests and bench:auth do: Better Auth's pure-JavaScript scrypt, as in
 * Convex's runtime), and sends the requests straight to its site URL over
 * loopback, one at a time, the five cases shuffled in every round, after a
 * few rounds of warm-up and with a full GC before each round. Prints the
 * median and p90 of each, its CPU time (this process's, where the backend
 * runs: the work done, which other processes' load moves less than the
 * response time, though a busy machine inflates it too; nothing waits on
 * I/O here) and the rows it wrote, then the differences that
 * would tell an attacker something: of the medians, and the median of the
 * differences within a round with a 95 % bootstrap interval, and how often
 * an attacker would tell the two apart from 1 or 5 requests. It fails if a
 * route's answers differ between its cases (beyond the address itself).
 *
 * Mails are limited per recipient (convex/rateLimits.ts): every "new" and
 * "unknown" request uses an address of its own, and the taken and known
 * ones rotate over enough accounts that none gets more mails than its
 * limit. The shared mail ceiling is raised for the run.
 *
 *   npm run bench:timing              60 requests per case
 *   SAMPLES=30 npm run bench:timing   a quicker run
 */
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { LIMITS } from "../convex/rateLimits";
import { pushApp } from "../tests/support/pushApp";
import { signUpVerified } from "../tests/support/localBackendAuth";
import { startLocalBackend } from "./local-backend";

const SAMPLES = Number(process.env.SAMPLES ?? 60);
const WARMUP_ROUNDS = 5;
const DEADLINE_MS = 8 * 60_000;
const SITE = "http://127.0.0.1:5997";
const PASSWORD = "correct horse battery";
const NAME = "Bench";

const CASES = [
  "sign-up, new address",
  "sign-up, taken (verified)",
  "sign-up, taken (unverified)",
  "reset, known address",
  "reset, unknown address",
] as const;
type Case = (typeof CASES)[number];

/** Pairs whose difference would tell an attacker something. */
const COMPARISONS: [Case, Case][] = [
  ["sign-up, new address", "sign-up, taken (verified)"],
  ["sign-up, new address", "sign-up, taken (unverified)"],
  ["sign-up, taken (unverified)", "sign-up, taken (verified)"],
  ["reset, known address", "reset, unknown address"],
];

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const deadline = setTimeout(() => {
  console.error("Bench took longer than 8 minutes: stopping.");
  process.exit(1);
}, DEADLINE_MS);

const started = performance.now();
const backend = await startLocalBackend({
  siteUrl: SITE,
  echoLogs: false,
  // The shared mail ceiling (300 a minute by default) would refuse part of
  // this run's few hundred mails; per-recipient limits stay as they are.
  env: { AUTH_SHARED_LIMIT_PER_MINUTE: "100000" },
});
console.log("Pushing the app with the Convex CLI…");
await pushApp(backend, { workspace: "bench-timing" });

// Each account already got one mail (its sign-up); the rest of its hourly
// allowance goes to the bench's requests.
const mailsLeft = LIMITS.mailsPerRecipient.capacity - 1;
const perCase = SAMPLES + WARMUP_ROUNDS;
let serial = 0;
const address = (kind: string) => `${kind}-${++serial}@example.com`;

/** Addresses handed out round-robin, each at most `mailsLeft` times. */
function rotation(emails: string[]): () => string {
  let next = 0;
  return () => {
    if (next >= emails.length * mailsLeft)
      throw new Error("Not enough accounts for the per-recipient mail limit.");
    return emails[next++ % emails.length]!;
  };
}

console.log("Creating accounts…");
const verified: string[] = [];
// Used by two cases: taken at sign-up, known at reset.
for (let i = 0; i < Math.ceil((2 * perCase) / mailsLeft); i++) {
  const email = address("owner");
  await signUpVerified(backend, SITE, {
    email,
    password: PASSWORD,
    name: NAME,
  });
  verified.push(email);
}
const unverified: string[] = [];
for (let i = 0; i < Math.ceil(perCase / mailsLeft); i++) {
  const email = address("unverified");
  const response = await post("/sign-up/email", signUpBody(email));
  if (response.status !== 200) throw new Error(`sign-up: ${response.status}`);
  unverified.push(email);
}
const takenVerified = rotation(verified);
const takenUnverified = rotation(unverified);

function signUpBody(email: string) {
  return { email, password: PASSWORD, name: NAME };
}
function resetBody(email: string) {
  return { email, redirectTo: `${SITE}/reset-password` };
}

const REQUESTS: Record<Case, () => [path: string, body: { email: string }]> = {
  "sign-up, new address": () => ["/sign-up/email", signUpBody(address("new"))],
  "sign-up, taken (verified)": () => [
    "/sign-up/email",
    signUpBody(takenVerified()),
  ],
  "sign-up, taken (unverified)": () => [
    "/sign-up/email",
    signUpBody(takenUnverified()),
  ],
  "reset, known address": () => [
    "/request-password-reset",
    resetBody(takenVerified()),
  ],
  "reset, unknown address": () => [
    "/request-password-reset",
    resetBody(address("nobody")),
  ],
};

/** A stranger's request: no cookies, no device token. */
async function post(path: string, body: unknown) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const response = await fetch(`${backend.siteUrl}/api/auth${path}`, {
    method: "POST",
    headers: { origin: SITE, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const wall = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  return { wall, cpu: (user + system) / 1000, status: response.status, text };
}

/** Rows a request wrote, by table (the local backend reports every write). */
let writes = new Map<string, number>();
backend.onWrite(({ table }) => writes.set(table, (writes.get(table) ?? 0) + 1));

/** One time per case per round: the rounds pair the cases up. */
type Time = { wall: number; cpu: number };
const rounds: Record<Case, Time>[] = [];
const shapes = new Map<Case, string>();
const answers = new Map<string, Set<string>>();
const loadBefore = loadavg()[0]!;

console.log(
  `Timing ${SAMPLES} requests per case (${CASES.length} cases, shuffled in each round, after ${WARMUP_ROUNDS} rounds of warm-up)…`,
);
for (let round = 0; round < perCase; round++) {
  // Each round starts from a collected heap (a full GC per request would
  // cost about 100 ms each; scrypt's buffers trigger collections anyway).
  gc();
  const times = {} as Record<Case, Time>;
  for (const which of [...CASES].sort(() => Math.random() - 0.5)) {
    const [path, body] = REQUESTS[which]();
    writes = new Map();
    const response = await post(path, body);
    if (response.status !== 200)
      throw new Error(`${which}: ${response.status} ${response.text}`);
    // Every case of a route must get the same answer, the address aside.
    const answer = response.text.replaceAll(body.email, "<email>");
    answers.set(path, (answers.get(path) ?? new Set()).add(answer));
    times[which] = { wall: response.wall, cpu: response.cpu };
    shapes.set(
      which,
      [...writes].map(([table, n]) => `${table} ${n}`).join(", "),
    );
  }
  if (round >= WARMUP_ROUNDS) rounds.push(times);
}
clearTimeout(deadline);
await backend.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const median = (values: number[]) => quantile(values, 0.5);
const pick = (values: number[]) =>
  values[Math.floor(Math.random() * values.length)]!;
const timesOf = (which: Case, measure: keyof Time = "wall") =>
  rounds.map((round) => round[which][measure]);

/**
 * The median of the within-round differences a − b, with a 95 % bootstrap
 * interval (2,000 resamples of the rounds). Pairing by round cancels what
 * drifts over the run, such as other processes' load.
 */
function pairedDifference(a: Case, b: Case, measure: keyof Time) {
  const diffs = rounds.map((round) => round[a][measure] - round[b][measure]);
  const resampled = Array.from({ length: 2000 }, () =>
    median(diffs.map(() => pick(diffs))),
  );
  return {
    median: median(diffs),
    low: quantile(resampled, 0.025),
    high: quantile(resampled, 0.975),
  };
}
type Paired = ReturnType<typeof pairedDifference>;

/**
 * How often an attacker who knows both distributions (these very samples:
 * their best case) tells a from b by the median of k requests: the best
 * threshold's balanced accuracy, (1 + the Kolmogorov-Smirnov distance) / 2.
 * 50 % is a coin toss.
 */
function attackerAccuracy(a: number[], b: number[], k: number): number {
  const medians = (values: number[]) =>
    Array.from({ length: 2000 }, () =>
      median(Array.from({ length: k }, () => pick(values))),
    ).sort((x, y) => x - y);
  const [ma, mb] = [medians(a), medians(b)];
  let i = 0;
  let j = 0;
  let distance = 0;
  for (const threshold of [...ma, ...mb].sort((x, y) => x - y)) {
    while (i < ma.length && ma[i]! <= threshold) i++;
    while (j < mb.length && mb[j]! <= threshold) j++;
    distance = Math.max(distance, Math.abs(i / ma.length - j / mb.length));
  }
  return (1 + distance) / 2;
}

const ms = (n: number) => `${n.toFixed(0)} ms`.padStart(7);
const signed = (n: number) => {
  const rounded = Math.round(n) || 0; // No "−0".
  return `${rounded >= 0 ? "+" : "−"}${Math.abs(rounded)}`.padStart(4);
};
const percent = (n: number) => `${(100 * n).toFixed(0)} %`.padStart(5);
const interval = ({ median, low, high }: Paired) =>
  `${signed(median)} (${signed(low)} … ${signed(high)})`;
console.log(`
Response times over loopback, ${SAMPLES} requests per case (${((performance.now() - started) / 1000).toFixed(0)} s in all, load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})
  ${"".padEnd(29)} ${"median".padStart(7)} ${"p90".padStart(7)}   CPU median   rows written
${CASES.map(
  (c) =>
    `  ${c.padEnd(29)} ${ms(median(timesOf(c)))} ${ms(quantile(timesOf(c), 0.9))}   ${ms(median(timesOf(c, "cpu")))}      ${shapes.get(c)}`,
).join("\n")}

Differences (ms): of the medians; within a round, median (95 % interval), of response time and CPU time; attacker's accuracy from 1 / 5 requests
${COMPARISONS.map(([a, b]) => {
  const ofMedians = median(timesOf(a)) - median(timesOf(b));
  const [one, five] = [1, 5].map((k) =>
    percent(attackerAccuracy(timesOf(a), timesOf(b), k)),
  );
  return `  ${`${a} − ${b}`.padEnd(58)} ${signed(ofMedians)}   ${interval(pairedDifference(a, b, "wall"))}   CPU ${interval(pairedDifference(a, b, "cpu"))}   ${one} / ${five}`;
}).join("\n")}
`);

const differing = [...answers].filter(([, set]) => set.size > 1);
if (differing.length > 0) {
  console.error(
    `FAILED: ${differing.map(([path]) => path).join(", ")} answered differently across cases`,
  );
  process.exit(1);
}
