import { spawn } from "node:child_process";

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs the real Convex CLI (`npx convex …`) against a local backend. Spawned
 * asynchronously: a synchronous spawn would block the backend running in this
 * same process.
 */
export function convexCli(
  backend: { cloudUrl: string; adminKey: string },
  args: string[],
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.CONVEX_DEPLOYMENT; // --url/--admin-key pick the deployment
    const child = spawn(
      "npx",
      [
        "convex",
        ...args,
        "--url",
        backend.cloudUrl,
        "--admin-key",
        backend.adminKey,
      ],
      { stdio: ["ignore", "pipe", "pipe"], env },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
