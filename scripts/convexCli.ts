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
 * nor written. Its `node_modules` links each of the project's packages but
 * `typescript`, whose `bin/tsc` runs the project's own tsc from the project
 * root, so a type error's path reads `convex/notes.ts`, not a path through
 * the temporary folder.
 */
import {
  spawn,
  type ChildProcess,
  type StdioOptions,
} from "node:child_process";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
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
  linkPackages(root, join(dir, "node_modules"));
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

/**
 * The CLI runs `node_modules/typescript/bin/tsc` from its working directory,
 * and tsc prints paths relative to its own. This one moves to the project
 * root first (the `--project` folder made absolute), then runs the real tsc.
 */
function tscFromProjectRoot(root: string, realTsc: string): string {
  return `#!/usr/bin/env node
// Written by scripts/convexCli.ts: type errors with project-relative paths.
const { resolve } = require("node:path");
const args = process.argv.slice(2);
const project = args.indexOf("--project");
if (project >= 0 && args[project + 1]) args[project + 1] = resolve(args[project + 1]);
process.chdir(${JSON.stringify(root)});
process.argv = [process.argv[0], ${JSON.stringify(realTsc)}, ...args];
require(${JSON.stringify(realTsc)});
`;
}

/** `modules`: a link to each of the project's packages, and the tsc above. */
function linkPackages(root: string, modules: string): void {
  // Workspaces of earlier versions linked the whole folder.
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink())
    rmSync(modules);
  mkdirSync(modules, { recursive: true });
  const source = join(root, "node_modules");
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const target = join(modules, entry.name);
    if (entry.name === "typescript" || existsSync(target)) continue;
    if (entry.isFile()) copyFileSync(join(source, entry.name), target);
    // A junction on Windows: no privileges needed.
    else symlinkSync(join(source, entry.name), target, "junction");
  }
  const typescript = join(source, "typescript");
  mkdirSync(join(modules, "typescript", "bin"), { recursive: true });
  copyFileSync(
    join(typescript, "package.json"),
    join(modules, "typescript", "package.json"),
  );
  writeFileSync(
    join(modules, "typescript", "bin", "tsc"),
    tscFromProjectRoot(root, join(realpathSync(typescript), "bin", "tsc")),
  );
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
