/**
 * One app served for the benchmark, the same way for both: its own empty
 * local backend (scripts/local-backend/main.ts, in a process of its own:
 * the backend keeps a deployment's variables in `process.env`, one backend
 * per process), its variables set and its convex/ pushed by the real Convex
 * CLI, its SPA built for production by its own Vite and served by its own
 * `vite preview`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { runConvexCli, type CliResult } from "../convexCli";
import { pushApp } from "../../tests/support/pushApp";
import { freePort } from "../../tests/e2e/support/app";
import { runNodeChild, startNodeChild, type Child } from "./childProcess";

export type AppSetup = {
  /** Names it in messages. */
  label: string;
  /** Its project folder: convex/ is pushed, Vite builds and serves from here. */
  root: string;
  /** Deployment variables besides SITE_URL and BETTER_AUTH_SECRET (set by the backend). */
  deploymentEnv: Record<string, string>;
};

export type ServedApp = {
  setup: AppSetup;
  /** The SPA's origin (its SITE_URL). */
  url: string;
  deployment: { cloudUrl: string; siteUrl: string; adminKey: string };
  /** The production build being served. */
  distDir: string;
  /** `convex <args>` against its deployment, from its own project. */
  cli(args: string[]): Promise<CliResult>;
  close(): Promise<void>;
};

const BACKEND_MAIN = resolve("scripts/local-backend/main.ts");
const VITE_NODE = resolve("node_modules/vite-node/vite-node.mjs");
const STARTUP_MS = 120_000;

export async function serveApp(setup: AppSetup): Promise<ServedApp> {
  const children: Child[] = [];
  const distDir = mkdtempSync(join(tmpdir(), "bench-vs-example-dist-"));
  const close = async () => {
    for (const child of children.reverse()) await child.stop();
    rmSync(distDir, { recursive: true, force: true });
  };
  try {
    const appPort = await freePort();
    const url = `http://127.0.0.1:${appPort}`;
    const backend = await startBackend(setup.label, url);
    children.push(backend.child);
    const { deployment } = backend;
    // The workspace pushApp uses too (it adds the pid).
    const workspace = `bench-vs-example-${process.pid}`;
    const cli = (args: string[]) =>
      runConvexCli(deployment, args, { projectRoot: setup.root, workspace });
    for (const [name, value] of Object.entries(setup.deploymentEnv)) {
      const result = await cli(["env", "set", name, value]);
      if (result.code !== 0)
        throw new Error(
          `${setup.label}: convex env set ${name}: ${result.stderr}`,
        );
    }
    await pushApp(deployment, {
      projectRoot: setup.root,
      workspace: "bench-vs-example",
    });
    await buildForProduction(setup, deployment, distDir);
    children.push(await startPreview(setup, distDir, appPort));
    return { setup, url, deployment, distDir, cli, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** An empty deployment, as the CLI finds a new one. */
async function startBackend(label: string, siteUrl: string) {
  const adminKey = `bench-admin-${randomBytes(16).toString("hex")}`;
  const env = { ...process.env };
  // Each deployment gets its own generated secret, as a new one would.
  delete env.BETTER_AUTH_SECRET;
  delete env.SITE_URL;
  const child = startNodeChild(
    `${label}'s local backend`,
    VITE_NODE,
    [
      BACKEND_MAIN,
      "--",
      "--site-url",
      siteUrl,
      "--port",
      "0",
      "--site-port",
      "0",
      "--admin-key",
      adminKey,
    ],
    { cwd: process.cwd(), env },
  );
  // The banner, printed once it listens, names both URLs.
  await child.printed(
    /HTTP actions \(VITE_CONVEX_SITE_URL\):\s+\S+/,
    STARTUP_MS,
  );
  const banner = child.output();
  const urlAfter = (label: string) =>
    new RegExp(`${label}:\\s+(http://\\S+)`).exec(banner)![1]!;
  return {
    child,
    deployment: {
      cloudUrl: urlAfter("Client URL \\(VITE_CONVEX_URL\\)"),
      siteUrl: urlAfter("HTTP actions \\(VITE_CONVEX_SITE_URL\\)"),
      adminKey,
    },
  };
}

/** The project's own Vite's command line (`vite build`, `vite preview`). */
function viteBin(root: string): string {
  const require = createRequire(join(resolve(root), "package.json"));
  const manifest = require.resolve("vite/package.json");
  return join(dirname(manifest), "bin", "vite.js");
}

/**
 * `vite build` as `npm run build` runs it, with the deployment's URLs.
 * NODE_ENV is set: vite-node's "development" would build React's
 * development bundle.
 */
async function buildForProduction(
  setup: AppSetup,
  deployment: { cloudUrl: string; siteUrl: string },
  outDir: string,
) {
  await runNodeChild(
    `${setup.label}: vite build`,
    viteBin(setup.root),
    ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
    {
      cwd: setup.root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        VITE_CONVEX_URL: deployment.cloudUrl,
        VITE_CONVEX_SITE_URL: deployment.siteUrl,
      },
    },
  );
}

async function startPreview(setup: AppSetup, outDir: string, port: number) {
  const child = startNodeChild(
    `${setup.label}: vite preview`,
    viteBin(setup.root),
    [
      "preview",
      "--outDir",
      outDir,
      "--port",
      String(port),
      "--strictPort",
      "--host",
      "127.0.0.1",
    ],
    { cwd: setup.root, env: { ...process.env, NODE_ENV: "production" } },
  );
  await untilServing(`http://127.0.0.1:${port}/`, child);
  return child;
}

/** Polls `url` until it answers 200 (the preview prints its URL in colour). */
async function untilServing(url: string, child: Child) {
  const deadline = Date.now() + STARTUP_MS;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} is not serving. Its output:\n${child.output()}`);
}
