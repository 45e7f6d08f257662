/**
 * `npm run bench:devloop`: how the `npm start` loop feels, on a throwaway
 * copy of the project. Prints the time from `npm start` to the app being
 * served, and from saving a file under convex/ to a connected client seeing
 * the new result (the real `convex dev` type-checks, bundles and pushes in
 * between), over several edits. `FLAGS="--typecheck=disable"` measures
 * `npm start -- --typecheck=disable`.
 */
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../tests/e2e/support/app";
import { copyProject, runNpmScript } from "../tests/e2e/support/projectCopy";

const EDITS = Number(process.env.EDITS ?? 5);
const FLAGS = (process.env.FLAGS ?? "").split(" ").filter(Boolean);
const probe = (n: number) => `import { query } from "./_generated/server";
export const value = query({ args: {}, handler: async () => ${n} });
`;

const project = copyProject("bench-devloop-");
writeFileSync(join(project.dir, "convex/benchProbe.ts"), probe(0));
const [port, convexPort, sitePort] = [
  await freePort(),
  await freePort(),
  await freePort(),
];
const started = performance.now();
const start = runNpmScript(
  project.dir,
  "start",
  {
    PORT: String(port),
    CONVEX_PORT: String(convexPort),
    CONVEX_SITE_PORT: String(sitePort),
  },
  FLAGS,
);
const client = new ConvexClient(`http://127.0.0.1:${convexPort}`);
try {
  await start.waitFor(`http://localhost:${port}/`, 180_000);
  const startup = performance.now() - started;

  let latest = -1;
  let seen: () => void = () => undefined;
  client.onUpdate(anyApi.benchProbe!.value!, {}, (value: number) => {
    latest = value;
    seen();
  });
  const until = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`edit ${n} never went live`)),
        120_000,
      );
      seen = () => {
        if (latest !== n) return;
        clearTimeout(timer);
        resolve();
      };
      seen();
    });
  await until(0);

  const times: number[] = [];
  for (let n = 1; n <= EDITS; n++) {
    const saved = performance.now();
    writeFileSync(join(project.dir, "convex/benchProbe.ts"), probe(n));
    await until(n);
    times.push(performance.now() - saved);
    // Let the CLI settle before the next save.
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (value: number) => `${Math.round(value)} ms`;
  const command = ["npm start", ...(FLAGS.length ? ["--", ...FLAGS] : [])];
  console.log(`${command.join(" ")} → app served: ${ms(startup)}`);
  console.log(
    `save under convex/ → connected client sees it (${EDITS} edits): median ${ms(sorted[Math.floor(EDITS / 2)]!)} (${ms(sorted[0]!)}–${ms(sorted.at(-1)!)})`,
  );
} finally {
  await client.close();
  start.stop();
  project.remove();
}
process.exit(0);
