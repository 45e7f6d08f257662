/**
 * What the backend runs: the source it was given (a convex/ folder or an
 * `app` already loaded: tests, benchmarks), or, started without either,
 * nothing until the Convex CLI pushes (a Deployment, writing the bundles to
 * a code folder of its own).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConvexFolder } from "./convexFolder";
import { Deployment, type PushTarget } from "./deployment";
import { Runtime } from "./runtime";
import type { SavedComponent } from "./savedState";
import type { AppSetup, LocalBackendOptions } from "./types";

type SourceOptions = Pick<
  LocalBackendOptions,
  "app" | "convexDir" | "registerComponents" | "codeDir"
>;

const CODE_ROOT = "node_modules/.cache/convex-local-backend";

/** Started without source: an empty deployment the CLI pushes to. */
export function takesPushes(options: SourceOptions): boolean {
  return !options.app && !options.convexDir;
}

/**
 * The runtime for `options`, every module already imported, holding
 * `saved` data when given (a deployment that takes pushes only).
 */
export async function createRuntime(
  options: SourceOptions,
  saved?: Record<string, SavedComponent>,
): Promise<Runtime> {
  const runtime = takesPushes(options)
    ? await Runtime.forPushes(saved)
    : new Runtime(await appSetup(options));
  await runtime.preload();
  return runtime;
}

async function appSetup(options: SourceOptions): Promise<AppSetup> {
  if (options.app) {
    return {
      ...options.app,
      registerComponents:
        options.app.registerComponents ??
        (typeof options.registerComponents === "function"
          ? options.registerComponents
          : undefined),
    };
  }
  if (!options.convexDir)
    throw new Error("startLocalBackend needs `convexDir` (or `app`).");
  return await loadConvexFolder(options.convexDir, options.registerComponents);
}

/**
 * The push path for a runtime that takes pushes, with its code folder
 * (`options.codeDir`, or a new one, removed by `removeCode`).
 */
export function startDeployment(
  options: SourceOptions,
  target: PushTarget,
): { deployment: Deployment; removeCode(): void } {
  const codeDir = options.codeDir ?? newCodeDir();
  return {
    deployment: new Deployment(codeDir, target),
    removeCode() {
      if (!options.codeDir) rmSync(codeDir, { recursive: true, force: true });
    },
  };
}

/** A folder of its own for one backend's pushed bundles. */
function newCodeDir(): string {
  mkdirSync(resolve(CODE_ROOT), { recursive: true });
  return mkdtempSync(join(resolve(CODE_ROOT), "push-"));
}
