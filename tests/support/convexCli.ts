import { spawn } from "node:child_process";
import { convexCliEntry } from "../../scripts/convexCli";

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs the real Convex CLI (`convex …`) from the project root against a
 * local backend with `--url` and `--admin-key`, the flags `npm start`
 * prints. Spawned asynchronously: a synchronous spawn would block the
 * backend running in this same process.
 */
export function convexCli(
  backend: { cloudUrl: string; adminKey: string },
  args: string[],
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.CONVEX_DEPLOYMENT; // --url/--admin-key pick the deployment
    // The CLI's crash reports can't leave this machine.
    env.CI ??= "1";
    const child = spawn(
      process.execPath,
      [
        convexCliEntry(),
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
