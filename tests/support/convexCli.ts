import { spawn } from "node:child_process";
import {
  captureOutput,
  cliEnvironment,
  convexCliEntry,
  type CliResult,
} from "../../scripts/convexCli";

export type { CliResult };

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
  return captureOutput(
    spawn(
      process.execPath,
      [
        convexCliEntry(),
        ...args,
        "--url",
        backend.cloudUrl,
        "--admin-key",
        backend.adminKey,
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: cliEnvironment() },
    ),
  );
}
