#!/usr/bin/env node
/**
 * `npm run dev`: develop against a real Convex deployment.
 *
 * 1. `convex dev --once` logs in / picks the dev deployment and pushes the
 *    functions (this works before any variable is set: they are validated
 *    where they are used).
 * 2. Sets the backend variables the dev deployment is missing: a random
 *    BETTER_AUTH_SECRET and SITE_URL (the Vite URL). Existing values are kept.
 * 3. Adds VITE_CONVEX_SITE_URL to .env.local next to the VITE_CONVEX_URL
 *    that `convex dev` wrote.
 * 4. Runs `convex dev` (watch) and Vite together.
 *
 * For no account and no network at all, use `npm start` instead.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const VITE_PORT = 5173;
const SITE_URL = `http://localhost:${VITE_PORT}`;

function npx(args, { capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, {
      stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`npx ${args.join(" ")} exited with ${code}`)),
    );
  });
}

async function ensureBackendVariable(name, makeValue) {
  const current = (
    await npx(["convex", "env", "get", name], { capture: true })
  ).trim();
  if (current) return;
  // Hex, so the value can't be mistaken for a CLI flag. Never printed.
  await npx(["convex", "env", "set", name, makeValue()], { capture: true });
  console.log(`Set ${name} on the dev deployment.`);
}

function ensureSiteUrlInEnvLocal() {
  const file = ".env.local";
  if (!existsSync(file)) return;
  const text = readFileSync(file, "utf8");
  const cloud = text.match(/^VITE_CONVEX_URL=(.+)$/m)?.[1]?.trim();
  if (!cloud || /^VITE_CONVEX_SITE_URL=/m.test(text)) return;
  const site = cloud.replace(/\.convex\.cloud\b/, ".convex.site");
  writeFileSync(file, `${text.trimEnd()}\nVITE_CONVEX_SITE_URL=${site}\n`);
  console.log(`Added VITE_CONVEX_SITE_URL=${site} to .env.local.`);
}

await npx(["convex", "dev", "--once"]);
await ensureBackendVariable("BETTER_AUTH_SECRET", () =>
  randomBytes(32).toString("hex"),
);
await ensureBackendVariable("SITE_URL", () => SITE_URL);
ensureSiteUrlInEnvLocal();

const children = [
  spawn("npx", ["convex", "dev"], { stdio: "inherit" }),
  spawn("npx", ["vite", "--port", String(VITE_PORT), "--strictPort"], {
    stdio: "inherit",
  }),
];
const stopAll = () => children.forEach((child) => child.kill("SIGTERM"));
for (const child of children) {
  child.on("exit", (code) => {
    stopAll();
    process.exitCode = code ?? 0;
  });
}
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);
