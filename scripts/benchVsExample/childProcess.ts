/**
 * The benchmark's child processes (local backends, `vite build`, `vite
 * preview`): started with this Node, their output kept (the tail) for the
 * error message when one fails, stopped by their own pid.
 */
import { spawn, type ChildProcess } from "node:child_process";

const KEPT_OUTPUT_CHARS = 4000;

export type Child = {
  process: ChildProcess;
  /** The last few thousand characters it printed, stdout and stderr. */
  output(): string;
  /** Resolves when its output matches `pattern`; rejects if it exits first. */
  printed(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Resolves with its exit code. */
  exited: Promise<number>;
  /** SIGTERM, then SIGKILL if it hasn't exited within 5 s. */
  stop(): Promise<void>;
};

/** Runs `node <script> <args>` in `cwd`, its output piped (and drained). */
export function startNodeChild(
  label: string,
  script: string,
  args: string[],
  { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const failure = (what: string) =>
    new Error(`${label} ${what}. Its last output:\n${output}`);

  return {
    process: child,
    output: () => output,
    exited,
    printed(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (pattern.test(output)) done();
        };
        const timer = setTimeout(
          () => done(failure(`printed nothing like ${pattern} in time`)),
          timeoutMs,
        );
        listeners.add(check);
        void exited.then((code) => done(failure(`exited (code ${code})`)));
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `node <script> <args>` to completion; throws with its output on failure. */
export async function runNodeChild(
  label: string,
  script: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  const child = startNodeChild(label, script, args, options);
  const code = await child.exited;
  if (code !== 0)
    throw new Error(
      `${label} failed (code ${code}). Its last output:\n${child.output()}`,
    );
}
