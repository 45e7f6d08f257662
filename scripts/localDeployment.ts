/**
 * The deployment `npm start` runs, as other scripts on this machine find it
 * (`npm run seed`): its URLs and admin key in `.convex-local/running.json`
 * while it runs, beside the backend's saved data. The folder is ignored by
 * git; the admin key is a random one per start and reaches only this
 * machine's own files, as the Convex CLI keeps a local deployment's.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";

/** Where `npm start` keeps its data (the local backend's `dataDir`). */
export const LOCAL_DATA_DIR = resolve(".convex-local");

const RUNNING_FILE = join(LOCAL_DATA_DIR, "running.json");

export type RunningDeployment = {
  cloudUrl: string;
  siteUrl: string;
  adminKey: string;
  /** The SPA's URL (SITE_URL): sign-ups are sent from this origin. */
  appUrl: string;
  pid: number;
};

export function writeRunningDeployment(deployment: RunningDeployment): void {
  mkdirSync(LOCAL_DATA_DIR, { recursive: true });
  writeFileSync(RUNNING_FILE, `${JSON.stringify(deployment, null, 2)}\n`, {
    mode: 0o600,
  });
}

export function removeRunningDeployment(): void {
  rmSync(RUNNING_FILE, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running `npm start` deployment, or undefined when none runs. */
export function runningDeployment(): RunningDeployment | undefined {
  if (!existsSync(RUNNING_FILE)) return undefined;
  const deployment = JSON.parse(
    readFileSync(RUNNING_FILE, "utf8"),
  ) as RunningDeployment;
  return isAlive(deployment.pid) ? deployment : undefined;
}
