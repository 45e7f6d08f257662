/**
 * `npm run dev` as a new developer runs it: an empty `.env.local`, a
 * deployment with no variables. The only deployment reachable here is the
 * local backend, so `convex dev` finds it through the self-hosted variables;
 * everything after that (push, codegen, `.env.local`, the `--start` command
 * that sets the backend variables and starts Vite) is the real script. Then
 * a user signs up in the browser against what it set up.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  startLocalBackend,
  type LocalBackend,
} from "../../scripts/local-backend/server";
import { freePort, launchChromium, newUser } from "./support/app";

const COPIED = [
  "package.json",
  "index.html",
  "vite.config.ts",
  "tsconfig.json",
  "convex",
  "src",
  "public",
  "scripts",
];

/** Polls until the dev server answers, or fails with what `npm run dev` printed. */
async function waitForApp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url)
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return;
    if (dev?.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`npm run dev did not serve ${url}:\n${output}`);
}

let project: string;
let backend: LocalBackend;
let dev: ChildProcess | undefined;
let output = "";
let browser: Browser | undefined;
let port: number;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "npm-run-dev-"));
  for (const path of COPIED)
    cpSync(resolve(path), join(project, path), { recursive: true });
  symlinkSync(resolve("node_modules"), join(project, "node_modules"), "dir");
  writeFileSync(join(project, ".env.local"), "");
  backend = await startLocalBackend({ echoLogs: false });
  port = await freePort();
  const env = { ...process.env };
  delete env.CONVEX_DEPLOYMENT;
  dev = spawn("npm", ["run", "dev"], {
    cwd: project,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      CONVEX_SELF_HOSTED_URL: backend.cloudUrl,
      CONVEX_SELF_HOSTED_ADMIN_KEY: backend.adminKey,
      PORT: String(port),
      // The CLI's crash reports can't leave this machine.
      CI: "1",
    },
  });
  dev.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  dev.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  await waitForApp(`http://localhost:${port}/`, 120_000);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  if (dev?.pid) {
    try {
      process.kill(-dev.pid, "SIGINT");
    } catch {
      // Already gone.
    }
  }
  await backend?.close();
  rmSync(project, { recursive: true, force: true });
});

test("npm run dev sets up an empty deployment and .env.local; a user then signs up", async () => {
  const variables = (await (
    await fetch(`${backend.cloudUrl}/api/list_environment_variables`, {
      headers: { authorization: `Convex ${backend.adminKey}` },
    })
  ).json()) as { environmentVariables: Record<string, string> };
  expect(variables.environmentVariables.BETTER_AUTH_SECRET).toMatch(
    /^[0-9a-f]{64}$/,
  );
  expect(variables.environmentVariables.SITE_URL).toBe(
    `http://localhost:${port}`,
  );
  // Written by `convex dev` itself, nothing else.
  const envLocal = readFileSync(join(project, ".env.local"), "utf8");
  expect(envLocal).toContain(`VITE_CONVEX_URL=${backend.cloudUrl}`);
  expect(envLocal).toContain(`VITE_CONVEX_SITE_URL=${backend.siteUrl}`);
  expect(output).not.toContain(
    variables.environmentVariables.BETTER_AUTH_SECRET!,
  );

  browser = await launchChromium();
  const page = await browser.newPage({ baseURL: `http://localhost:${port}` });
  const user = newUser("dev");
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByTestId("sign-up-sent").waitFor({ timeout: 30_000 });
  const email = await backend.runtime.call(
    "query",
    "devMailbox:latest",
    { to: user.email },
    { kind: "admin" },
  );
  expect(email.ok).toBe(true);
  const { link } = (email as { value: { link: string } }).value;
  await page.goto(link);
  await expect
    .poll(
      () =>
        page
          .getByTestId("me-email")
          .textContent()
          .catch(() => null),
      {
        timeout: 30_000,
      },
    )
    .toBe(user.email);
}, 120_000);
