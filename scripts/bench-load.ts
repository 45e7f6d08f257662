/**
 * `npm run bench`: load on the local backend over loopback, bounded in count
 * and time. CLIENTS real Convex WebSocket clients (each its own signed-in
 * user) subscribe to `users:me` and their own notes while MUTATIONS notes
 * land; every client must see exactly its own notes, and nothing else.
 * Prints throughput, mutation latency (p50/p95) and the server's memory.
 *
 *   CLIENTS=200 MUTATIONS=1000 npm run bench   (the target; slow today: every
 *   write re-runs every subscription, as the local backend has no read sets)
 */
import { ConvexClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import {
  appModules,
  registerComponents,
  schema,
} from "../tests/support/components";
import { startLocalBackend } from "./local-backend/server";

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const MUTATIONS = Number(process.env.MUTATIONS ?? 200);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 50);
const DEADLINE_MS = 10 * 60_000;
const SITE = "http://127.0.0.1:5998";

const backend = await startLocalBackend({
  app: { schema, modules: appModules, registerComponents },
  siteUrl: SITE,
  echoLogs: false,
});
const deadline = setTimeout(() => {
  console.error("Bench took longer than 10 minutes: stopping.");
  process.exit(1);
}, DEADLINE_MS);

async function tokenForNewUser(i: number): Promise<string> {
  const headers = {
    "content-type": "application/json",
    origin: SITE,
    "x-forwarded-for": `10.0.${i >> 8}.${i & 255}`,
  };
  const signUp = await fetch(`${backend.siteUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      email: `load${i}@example.com`,
      password: "correct horse battery",
      name: `Load ${i}`,
    }),
  });
  if (!signUp.ok) throw new Error(`sign-up ${i}: ${signUp.status}`);
  const cookie = signUp.headers
    .getSetCookie()
    .map((h) => h.split(";")[0])
    .join("; ");
  const response = await fetch(`${backend.siteUrl}/api/auth/convex/token`, {
    headers: { cookie, origin: SITE },
  });
  return ((await response.json()) as { token: string }).token;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

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
global.gc?.();
const memoryBefore = process.memoryUsage();

console.log(
  `${CLIENTS} clients subscribed. Sending ${MUTATIONS} mutations, ${IN_FLIGHT} at a time…`,
);
const latencies: number[] = [];
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < MUTATIONS) {
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
const elapsed = (performance.now() - started) / 1000;

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
global.gc?.();
const memoryAfter = process.memoryUsage();
await Promise.all(clients.map((client) => client.close()));
await backend.close();
clearTimeout(deadline);

latencies.sort((a, b) => a - b);
console.log(`
Load on the local backend (loopback): ${CLIENTS} WebSocket clients, ${MUTATIONS} mutations
  throughput          ${(MUTATIONS / elapsed).toFixed(0)} mutations/s (${elapsed.toFixed(1)} s)
  mutation latency    p50 ${percentile(latencies, 0.5).toFixed(0)} ms   p95 ${percentile(latencies, 0.95).toFixed(0)} ms   (until the writer's subscriptions show it)
  clients wrong       ${wrong} of ${CLIENTS} saw something other than exactly their own notes
  errors              ${errors.length}
  server memory       heap ${mb(memoryBefore.heapUsed)} → ${mb(memoryAfter.heapUsed)}, rss ${mb(memoryBefore.rss)} → ${mb(memoryAfter.rss)}
`);
if (wrong > 0 || errors.length > 0) process.exit(1);
