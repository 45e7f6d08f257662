/**
 * The process the functions run in. A deployment gives them variables of
 * their own and an isolate per request; here they share this process, so
 * the deployment's variables live in `process.env` (one backend per
 * process), per-request state in an AsyncLocalStorage, and the console is
 * captured per call (logs.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { installLogCapture } from "./logs";
import type { LocalBackendOptions } from "./types";

/** The deployment's environment variables, mirrored into `process.env`. */
export class DeploymentVariables {
  private readonly values: Map<string, string>;

  constructor(initial: Record<string, string>) {
    this.values = new Map(Object.entries(initial));
    // A deployment's functions see only its own variables.
    for (const name of ["BETTER_AUTH_SECRET", "SITE_URL"])
      if (!this.values.has(name)) delete process.env[name];
    for (const [name, value] of this.values) process.env[name] = value;
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** Sets a variable, or removes it (`null`). */
  set(name: string, value: string | null): void {
    if (value === null) {
      this.values.delete(name);
      delete process.env[name];
    } else {
      this.values.set(name, value);
      process.env[name] = value;
    }
  }

  /** Name and value of each, in the order they were first set. */
  entries(): [string, string][] {
    return [...this.values];
  }

  all(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}

/**
 * Prepares this process for the functions, before any app module loads
 * (some read their variables at import time): the deployment's variables,
 * its URLs, AsyncLocalStorage, the log capture.
 */
export function prepareProcess(
  options: Pick<LocalBackendOptions, "siteUrl" | "env" | "echoLogs">,
  urls: { cloudUrl: string; siteUrl: string },
  saved?: Record<string, string>,
): DeploymentVariables {
  // Saved variables win over the generated secret (sessions stay valid
  // across restarts); what the caller passes now wins over both.
  const variables = new DeploymentVariables({
    ...(options.siteUrl
      ? {
          BETTER_AUTH_SECRET:
            process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("hex"),
        }
      : {}),
    ...saved,
    ...(options.siteUrl ? { SITE_URL: options.siteUrl } : {}),
    ...options.env,
  });
  process.env.CONVEX_CLOUD_URL = urls.cloudUrl;
  process.env.CONVEX_SITE_URL = urls.siteUrl;

  // A deployment runs each request in an isolate of its own; here they share
  // one process. Libraries built for Convex keep per-request state in a
  // global when the runtime has no AsyncLocalStorage (Better Auth's request
  // state does), and concurrent requests would see each other's. Given one,
  // they use it, and each request keeps its own state, as on a deployment.
  (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??=
    AsyncLocalStorage;
  installLogCapture((line) => {
    if (options.echoLogs ?? true) process.stdout.write(`  ${line}\n`);
  });
  return variables;
}
