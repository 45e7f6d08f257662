/**
 * A throwaway copy of this project (its source, with a link to the real
 * node_modules) in the temp folder, and an npm script running in it the way
 * a developer runs it: for testing `npm start` and `npm run dev` themselves
 * without touching this checkout's `.env.local` or `convex/`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const COPIED = [
  "package.json",
  "index.html",
  "vite.config.ts",
  "tsconfig.json",
  "convex",
  "src",
  "public",
  "scripts",
  // The messages, which npm start and npm run dev compile (scripts/paraglide.ts).
  "messages",
  "project.inlang",
];

export type ProjectCopy = { dir: string; remove(): void };

export function copyProject(prefix: string): ProjectCopy {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const path of COPIED)
    cpSync(resolve(path), join(dir, path), { recursive: true });
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"), "dir");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type NpmScript = {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Polls `url` until it answers 200; fails with the output otherwise. */
  waitFor(url: string, timeoutMs?: number): Promise<void>;
  stop(): void;
};

/** `npm run <script> [-- args]` in `dir`, in its own process group (so stop() ends it all). */
export function runNpmScript(
  dir: string,
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): NpmScript {
  const inherited = { ...process.env };
  delete inherited.CONVEX_DEPLOYMENT;
  const child = spawn(
    "npm",
    ["run", script, ...(args.length ? ["--", ...args] : [])],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // The Convex CLI's crash reports can't leave this machine.
      env: { ...inherited, CI: "1", ...env },
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  return {
    child,
    output: () => output,
    async waitFor(url, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && child.exitCode === null) {
        const status = await fetch(url)
          .then((response) => response.status)
          .catch(() => 0);
        if (status === 200) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`npm run ${script} did not serve ${url}:\n${output}`);
    },
    stop() {
      try {
        if (child.pid) process.kill(-child.pid, "SIGINT");
      } catch {
        // Already gone.
      }
    },
  };
}
