/**
 * Runs the project's own Convex CLI (node_modules/convex) against a
 * deployment given by URL and admin key, such as the local backend.
 *
 * Pointed at a self-hosted deployment, the CLI saves that deployment's URLs
 * to `.env.local` and reads `CONVEX_DEPLOYMENT` from it. So it runs from a
 * workspace of its own in the system's temporary folder: a copy of
 * package.json, a link to the project's node_modules (where it finds `tsc`)
 * and a convex.json whose `functions` points back at the project's convex/
 * folder. It still bundles, type-checks and writes convex/_generated exactly
 * as it would from the project root, and the project's `.env.local`
 * (perhaps set up for a real deployment by `npm run dev`) is neither read
 * nor written.
 */
import {
  spawn,
  type ChildProcess,
  type StdioOptions,
} from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";

export type Deployment = {
  cloudUrl: string;
  adminKey: string;
  /** The HTTP actions URL; known, it keeps the CLI from "saving" it. */
  siteUrl?: string;
};

/** The CLI's entry point, run with this Node (no `npx`, no shell: works on Windows). */
export function convexCliEntry(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("convex/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as {
    bin: Record<string, string>;
  };
  return join(dirname(manifest), bin.convex!);
}

/**
 * The CLI's own working directory for `projectRoot`, named `name` so that
 * several runs (npm start, codegen, tests) don't share a `.env.local`.
 */
export function cliWorkspace(projectRoot: string, name: string): string {
  const root = realpathSync(resolve(projectRoot));
  const project = createHash("sha256").update(root).digest("hex").slice(0, 12);
  const created = join(tmpdir(), "convex-cli", `${project}-${name}`);
  mkdirSync(created, { recursive: true });
  // The CLI sees its real working directory.
  const dir = realpathSync(created);
  if (!existsSync(join(dir, "node_modules")))
    // A junction on Windows: no privileges needed.
    symlinkSync(
      join(root, "node_modules"),
      join(dir, "node_modules"),
      "junction",
    );
  writeFileSync(
    join(dir, "package.json"),
    readFileSync(join(root, "package.json")),
  );
  const own = join(root, "convex.json");
  const config = existsSync(own)
    ? (JSON.parse(readFileSync(own, "utf8")) as { functions?: string })
    : {};
  const functions = realpathSync(join(root, config.functions ?? "convex"));
  writeFileSync(
    join(dir, "convex.json"),
    `${JSON.stringify({ ...config, functions: `${relative(dir, functions).split("\\").join("/")}/` }, null, 2)}\n`,
  );
  return dir;
}

export type CliOptions = {
  projectRoot?: string;
  /** Workspace name (see cliWorkspace). */
  workspace: string;
  stdio?: StdioOptions;
};

/**
 * This process's environment for a CLI that is told its deployment
 * explicitly (self-hosted variables or `--url`/`--admin-key`).
 */
export function cliEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // The CLI refuses an explicit deployment next to these.
  delete env.CONVEX_DEPLOYMENT;
  delete env.CONVEX_DEPLOY_KEY;
  // The CLI reports crashes to Sentry unless CI is set; offline that report
  // holds a failed command (or Ctrl+C) for minutes.
  env.CI ??= "1";
  return env;
}

/** Starts `convex <args>` against `deployment`; the caller awaits or kills it. */
export function spawnConvexCli(
  deployment: Deployment,
  args: string[],
  { projectRoot = ".", workspace, stdio = "inherit" }: CliOptions,
): ChildProcess {
  const env = cliEnvironment();
  env.CONVEX_SELF_HOSTED_URL = deployment.cloudUrl;
  env.CONVEX_SELF_HOSTED_ADMIN_KEY = deployment.adminKey;
  const cwd = cliWorkspace(projectRoot, workspace);
  // What the CLI would save there anyway: with the values already in place
  // it doesn't print "Saved … to .env.local", which would mislead here.
  writeFileSync(
    join(cwd, ".env.local"),
    `VITE_CONVEX_URL=${deployment.cloudUrl}\n${deployment.siteUrl ? `VITE_CONVEX_SITE_URL=${deployment.siteUrl}\n` : ""}`,
  );
  return spawn(process.execPath, [convexCliEntry(), ...args], {
    cwd,
    env,
    stdio,
  });
}

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `convex <args>` to completion, capturing its output. */
export function runConvexCli(
  deployment: Deployment,
  args: string[],
  options: Omit<CliOptions, "stdio">,
): Promise<CliResult> {
  return captureOutput(
    spawnConvexCli(deployment, args, {
      ...options,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

/** Waits for a child started with piped stdout/stderr; its exit code and output. */
export function captureOutput(child: ChildProcess): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      resolvePromise({ code: code ?? 1, stdout, stderr }),
    );
  });
}
