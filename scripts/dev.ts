/**
 * `npm run dev` = `convex dev --start "vite-node scripts/dev.ts"`: develop
 * against a real Convex deployment (a cloud dev deployment, or the CLI's
 * local one, its first-run default).
 *
 * `convex dev` logs in or picks the deployment, writes VITE_CONVEX_URL and
 * VITE_CONVEX_SITE_URL to .env.local, pushes the functions (they load
 * without any variable set), keeps watching, and only then runs this
 * script, while the deployment is up. Here we set the backend variables the
 * deployment still lacks, keeping existing values, and start Vite:
 *
 * - BETTER_AUTH_SECRET: random, never printed
 * - SITE_URL: this Vite server's URL (PORT, default 5173)
 *
 * For no account and no network at all, use `npm start` instead.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "vite";
import { convexCliEntry } from "./convexCli";

const PORT = Number(process.env.PORT ?? 5173);
const SITE_URL = `http://localhost:${PORT}`;

/** `convex <args>` on the deployment `convex dev` chose (same env, same folder). */
function convex(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [convexCliEntry(), ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(output.trim())
        : reject(new Error(`convex ${args[0]} ${args[1]} exited with ${code}`)),
    );
  });
}

async function ensureBackendVariable(name: string, makeValue: () => string) {
  if (await convex(["env", "get", name])) return;
  await convex(["env", "set", name, makeValue()]);
  console.log(`Set ${name} on the deployment.`);
}

// Hex, so the value can't be mistaken for a CLI flag.
await ensureBackendVariable("BETTER_AUTH_SECRET", () =>
  randomBytes(32).toString("hex"),
);
await ensureBackendVariable("SITE_URL", () => SITE_URL);

const vite = await createServer({ server: { port: PORT, strictPort: true } });
await vite.listen();
vite.printUrls();
