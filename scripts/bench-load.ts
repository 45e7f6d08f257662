/**
 * `npm run bench`: load on the local backend over loopback, bounded in count
 * and time, then database reads per call.
 *
 * Load: CLIENTS real Convex WebSocket clients (each its own signed-in user)
 * subscribe to `users:me` and their own notes while MUTATIONS notes land.
 * Every client must see exactly its own notes and nothing else, with no
 * errors, and the server's heap (after GC) must stop growing beyond what the
 * data needs. Prints throughput, mutation latency (p50/p95), query re-runs
 * and heap samples.
 *
 * Reads: documents read by `me`, the notes list and the admin users list
 * (tests/support/readFigures.ts, the same code as tests/readBudgets.test.ts).
 * Transactions: documents read and written by the heaviest ones (deleting a
 * user with 20,000 notes, its batches, a doctor step, the worst batch of
 * each migration) next to Convex's limits (the same code as
 * tests/transactionBudgets.test.ts and the migrations' scale tests).
 *
 *   npm run bench                          200 clients, 1,000 mutations
 *   CLIENTS=50 MUTATIONS=200 npm run bench  a quicker run
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ConvexClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import {
  appModules,
  registerComponents,
  schema,
} from "../tests/support/components";
import {
  adminReads,
  CONVEX_LIMITS,
  deletionFigures,
  doctorStepFigures,
  NOTES_AT_SCALE,
  NOTES_STORED,
  SESSIONS_AT_SCALE,
  TRANSACTION_BUDGET,
  PAGE_SIZE,
  READ_BUDGETS,
  USERS_STORED,
  userReads,
} from "../tests/support/readFigures";
import {
  convexTokenFor,
  signUpVerified,
} from "../tests/support/localBackendAuth";
import {
  dualDatabaseMigrationFigures,
  MIGRATION_USERS,
} from "../tests/support/dualDatabaseFigures";
import {
  CONVEX_AUTH_USERS,
  convexAuthMigrationFigures,
} from "../tests/support/convexAuthFigures";
import { startLocalBackend } from "./local-backend";

const CLIENTS = Number(process.env.CLIENTS ?? 200);
const MUTATIONS = Number(process.env.MUTATIONS ?? 1000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 50);
const ROUNDS = 4; // Heap is sampled after each round of mutations.
// Heap growth allowed from the first round's end to the last's: the notes
// themselves take well under 1 MB; anything kept per request would show.
const HEAP_GROWTH_BUDGET_MB = 16;
const DEADLINE_MS = 10 * 60_000;
const SITE = "http://127.0.0.1:5998";

// A full GC before each heap sample, without restarting node with --expose-gc.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const deadline = setTimeout(() => {
  console.error("Bench took longer than 10 minutes: stopping.");
  process.exit(1);
}, DEADLINE_MS);

const backend = await startLocalBackend({
  app: { schema, modules: appModules, registerComponents },
  siteUrl: SITE,
  echoLogs: false,
});

async function tokenForNewUser(i: number): Promise<string> {
  const user = {
    email: `load${i}@example.com`,
    password: "correct horse battery",
    name: `Load ${i}`,
  };
  // Its own address each, as real users have: per-IP rate limits apply.
  const ip = { "x-forwarded-for": `10.0.${i >> 8}.${i & 255}` };
  const cookie = await signUpVerified(backend, SITE, user, ip);
  return await convexTokenFor(backend, SITE, cookie);
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const totalQueryRuns = () =>
  [...backend.queryRuns.values()].reduce((sum, n) => sum + n, 0);

console.log(`Signing up ${CLIENTS} users…`);
const tokens: string[] = [];
for (let i = 0; i < CLIENTS; i++) tokens.push(await tokenForNewUser(i));

const clients = tokens.map((token) => {
  const client = new ConvexClient(backend.cloudUrl);
  client.setAuth(async () => token);
  return client;
});
const seen: string[][] = clients.map(() => []);
const errors: unknown[] = [];
await Promise.all(
  clients.map(
    (client, i) =>
      new Promise<void>((resolve) => {
        client.onUpdate(
          api.users.me,
          {},
          () => undefined,
          (e) => errors.push(e),
        );
        client.onUpdate(
          api.notes.list,
          {},
          (notes) => {
            seen[i] = notes.map((n) => n.text);
            resolve();
          },
          (e) => errors.push(e),
        );
      }),
  ),
);
const heapSamples = [heapMb()];
const runsBefore = totalQueryRuns();

console.log(
  `${CLIENTS} clients subscribed. Sending ${MUTATIONS} mutations, ${IN_FLIGHT} at a time…`,
);
const latencies: number[] = [];
let busySeconds = 0;
let next = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const end = Math.round((MUTATIONS * round) / ROUNDS);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < end) {
        const n = next++;
        const owner = n % CLIENTS;
        const t0 = performance.now();
        await clients[owner]!.mutation(api.notes.create, {
          text: `note ${n} of client ${owner}`,
        }).catch((e: unknown) => errors.push(e));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  busySeconds += (performance.now() - started) / 1000;
  heapSamples.push(heapMb());
}
const queryRuns = totalQueryRuns() - runsBefore;

// Every client sees exactly its own notes (the newest 100 at most), no one else's.
await new Promise((resolve) => setTimeout(resolve, 500));
let wrong = 0;
clients.forEach((_, i) => {
  const expected = Array.from({ length: MUTATIONS }, (_, n) => n)
    .filter((n) => n % CLIENTS === i)
    .map((n) => `note ${n} of client ${i}`)
    .reverse()
    .slice(0, 100);
  if (JSON.stringify(seen[i]) !== JSON.stringify(expected)) wrong += 1;
});
await Promise.all(clients.map((client) => client.close()));
await backend.close();

const heapGrowth = heapSamples.at(-1)! - heapSamples[1]!;
latencies.sort((a, b) => a - b);
console.log(`
Load on the local backend (loopback): ${CLIENTS} WebSocket clients, ${MUTATIONS} mutations
  throughput          ${(MUTATIONS / busySeconds).toFixed(0)} mutations/s (${busySeconds.toFixed(1)} s)
  mutation latency    p50 ${percentile(latencies, 0.5).toFixed(0)} ms   p95 ${percentile(latencies, 0.95).toFixed(0)} ms   (until the writer's subscriptions show it)
  query re-runs       ${queryRuns} for ${MUTATIONS} mutations (${CLIENTS * 2} subscriptions; a write re-runs only those that read what it wrote)
  clients wrong       ${wrong} of ${CLIENTS} saw something other than exactly their own notes
  errors              ${errors.length}
  server heap         after GC: ${heapSamples.map((mb) => mb.toFixed(0)).join(" → ")} MB (subscribed, then after each ${MUTATIONS / ROUNDS} mutations); +${heapGrowth.toFixed(1)} MB after the first round (budget ${HEAP_GROWTH_BUDGET_MB} MB)`);

console.log("\nMeasuring database reads per call…");
const user = await userReads();
const admin = await adminReads();
const reads = { ...user, ...admin };
const over = Object.entries(reads).filter(
  ([name, n]) => n > READ_BUDGETS[name as keyof typeof READ_BUDGETS],
);
console.log(`
Documents read per call (Convex transaction metrics; budget in brackets)
  users:me            ${reads.me} (≤ ${READ_BUDGETS.me})
  notes:list          ${reads.notesList} (≤ ${READ_BUDGETS.notesList})   with ${NOTES_STORED} notes stored
  admin:listUsers     ${reads.adminList} (≤ ${READ_BUDGETS.adminList})   page of ${PAGE_SIZE} among ${USERS_STORED.toLocaleString("en-US")} users
    with search       ${reads.adminSearch} (≤ ${READ_BUDGETS.adminSearch})
`);

console.log("Measuring the heaviest transactions…");
const deletion = await deletionFigures();
const transactions = {
  [`admin:deleteUser (${NOTES_AT_SCALE.toLocaleString("en-US")} notes, ${SESSIONS_AT_SCALE} sessions)`]:
    deletion.deleteUser,
  "userData:removeOwnedRows (one batch of notes)": deletion.notesBatch,
  "userData:removeAuthRows (one batch)": deletion.sessionsBatch,
  "doctor:step (200 orphaned rows, repair)": await doctorStepFigures(),
  [`fromDualDatabase batch (worst of ${MIGRATION_USERS.toLocaleString("en-US")} users)`]:
    (await dualDatabaseMigrationFigures(TRANSACTION_BUDGET)).worst,
  [`fromConvexAuth batch (worst of ${CONVEX_AUTH_USERS.toLocaleString("en-US")} users)`]:
    (await convexAuthMigrationFigures(TRANSACTION_BUDGET)).worst,
};
const fmt = (n: number) => n.toLocaleString("en-US");
const worst = {
  reads: Math.max(...Object.values(transactions).map((u) => u.reads)),
  writes: Math.max(...Object.values(transactions).map((u) => u.writes)),
};
console.log(`
Documents per transaction, worst cases (Convex's limits: ${fmt(CONVEX_LIMITS.documentsRead)} read, ${fmt(CONVEX_LIMITS.documentsWritten)} written; test budget ${fmt(TRANSACTION_BUDGET.documentsRead)} / ${fmt(TRANSACTION_BUDGET.documentsWritten)})
${Object.entries(transactions)
  .map(
    ([name, usage]) =>
      `  ${name.padEnd(48)} ${fmt(usage.reads).padStart(6)} read ${fmt(usage.writes).padStart(6)} written`,
  )
  .join("\n")}
  ${"worst".padEnd(48)} ${fmt(worst.reads).padStart(6)} read ${fmt(worst.writes).padStart(6)} written  (${((100 * worst.reads) / CONVEX_LIMITS.documentsRead).toFixed(1)} % / ${((100 * worst.writes) / CONVEX_LIMITS.documentsWritten).toFixed(1)} % of the limits)
`);
clearTimeout(deadline);

const failures = [
  wrong > 0 && `${wrong} clients saw the wrong notes`,
  errors.length > 0 && `${errors.length} errors`,
  heapGrowth > HEAP_GROWTH_BUDGET_MB &&
    `heap grew ${heapGrowth.toFixed(1)} MB (budget ${HEAP_GROWTH_BUDGET_MB} MB)`,
  ...over.map(([name, n]) => `${name} read ${n} documents, over budget`),
].filter(Boolean);
if (failures.length > 0) {
  console.error(`FAILED: ${failures.join("; ")}`);
  process.exit(1);
}
