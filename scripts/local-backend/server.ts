/**
 * A local, in-memory Convex backend for development and tests.
 *
 * It runs a convex/ folder's functions in-process with convex-test and speaks
 * the real Convex protocols, so the unmodified ConvexReactClient, the Better
 * Auth client and the Convex CLI use it like a deployment:
 *   cloud URL: WebSocket sync (/api/<version>/sync), the HTTP API, /http/*
 *   site URL:  HTTP actions (convex/http.ts), e.g. Better Auth's /api/auth/*
 * Data lives in memory and is gone on restart. Not a production backend.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { JSONValue } from "convex/values";
import { WebSocketServer } from "ws";
import { loadConvexFolder } from "./convexFolder";
import { handleDeployRoute } from "./deployApi";
import { Deployment } from "./deployment";
import { FunctionLogs } from "./functionLogs";
import { handleCloudRequest, readBody, type HttpHost } from "./httpApi";
import { TokenVerifier, type AuthProvider } from "./jwt";
import { installLogCapture } from "./logs";
import {
  Runtime,
  type AppSetup,
  type CallResult,
  type Identity,
  type RegisterComponents,
} from "./runtime";
import { onWrite, type Write } from "./readSets";
import { ReplayCache, SyncConnection } from "./sync";
import { nextTimestamp } from "./timestamps";

export type LocalBackendOptions = {
  /** The convex/ folder to run (loaded from disk, after the env is set). */
  convexDir?: string;
  /**
   * The app's component hook: `registerComponents(t)` itself, or the path
   * of a module exporting it (e.g. "tests/support/components.ts").
   */
  registerComponents?: string | RegisterComponents;
  /** Instead of convexDir: schema and modules already loaded (an import.meta.glob). */
  app?: AppSetup;
  /**
   * The SPA's URL, given to the functions as SITE_URL, together with a
   * random BETTER_AUTH_SECRET. Without it the deployment starts with no
   * variables, like a new one.
   */
  siteUrl?: string;
  /**
   * Where pushed bundles are written (default: a new folder under
   * node_modules/.cache/convex-local-backend, so that "use node" modules
   * resolve the project's packages).
   */
  codeDir?: string;
  host?: string;
  /** Cloud (client) port; 0 picks a free one. */
  port?: number;
  /** Site (HTTP actions) port; 0 picks a free one. */
  sitePort?: number;
  /** Extra environment variables for the functions (they win over the defaults). */
  env?: Record<string, string>;
  /** A fixed admin key (default: a random one per start). */
  adminKey?: string;
  /** Print function logs to stdout (default true). */
  echoLogs?: boolean;
};

export type LocalBackend = {
  cloudUrl: string;
  siteUrl: string;
  adminKey: string;
  runtime: Runtime;
  /** Every call's logs and outcome, as `convex dev` tails them. */
  logs: FunctionLogs;
  /** Calls `listener` after each push that went live; returns an unsubscribe. */
  onPush(listener: () => void): () => void;
  close(): Promise<void>;
};

const PING_MS = 15_000;
const SCHEDULER_POLL_MS = 200;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

const CODE_ROOT = "node_modules/.cache/convex-local-backend";

/** A folder of its own for one backend's pushed bundles. */
function newCodeDir(): string {
  mkdirSync(resolve(CODE_ROOT), { recursive: true });
  return mkdtempSync(join(resolve(CODE_ROOT), "push-"));
}

/** Source given (tests, benchmarks), or an empty deployment the CLI pushes to. */
async function createRuntime(options: LocalBackendOptions): Promise<Runtime> {
  if (!options.app && !options.convexDir) return await Runtime.forPushes();
  return new Runtime(await appSetup(options));
}

async function appSetup(options: LocalBackendOptions): Promise<AppSetup> {
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
 * Starts the backend on 127.0.0.1 (ports 0 = ephemeral). Sets the functions'
 * environment in this process's `process.env`, so run one per process.
 */
export async function startLocalBackend(
  options: LocalBackendOptions,
): Promise<LocalBackend> {
  const host = options.host ?? "127.0.0.1";
  const cloudServer = createServer();
  const siteServer = createServer();
  const cloudUrl = `http://${host}:${await listen(cloudServer, options.port ?? 0, host)}`;
  const convexSiteUrl = `http://${host}:${await listen(siteServer, options.sitePort ?? 0, host)}`;
  const adminKey =
    options.adminKey ?? `local-admin-${randomBytes(16).toString("hex")}`;

  // Set before any app module loads: some read them at import time.
  const envVars = new Map<string, string>(
    Object.entries({
      ...(options.siteUrl
        ? {
            BETTER_AUTH_SECRET:
              process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("hex"),
            SITE_URL: options.siteUrl,
          }
        : {}),
      ...options.env,
    }),
  );
  // A deployment's functions see only its own variables.
  for (const name of ["BETTER_AUTH_SECRET", "SITE_URL"])
    if (!envVars.has(name)) delete process.env[name];
  const setEnvironmentVariable = (name: string, value: string | null) => {
    if (value === null) {
      envVars.delete(name);
      delete process.env[name];
    } else {
      envVars.set(name, value);
      process.env[name] = value;
    }
  };
  for (const [name, value] of envVars) process.env[name] = value;
  process.env.CONVEX_CLOUD_URL = cloudUrl;
  process.env.CONVEX_SITE_URL = convexSiteUrl;

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
  const runtime = await createRuntime(options);
  await runtime.preload();
  const logs = new FunctionLogs();
  const pushListeners = new Set<() => void>();
  runtime.onCompletion = (entry) => logs.record(entry);
  const takesPushes = !options.app && !options.convexDir;
  const codeDir = takesPushes ? (options.codeDir ?? newCodeDir()) : undefined;
  const deployment =
    codeDir === undefined
      ? undefined
      : new Deployment(codeDir, {
          installedSchemas: () => runtime.installedSchemas(),
          findViolation: (instance) => runtime.findViolation(instance),
          install: (push) => {
            runtime.install(push);
            hostApi.invalidateAll();
            for (const listener of pushListeners) listener();
          },
          environmentVariables: () => Object.fromEntries(envVars),
          authProviders: async () => await providers(),
        });

  // Fetches the JWKS from our own site URL in-process, anything else for real.
  const fetcher = async (url: string) => {
    if (url.startsWith(convexSiteUrl)) {
      return (
        await runtime.fetch(url.slice(convexSiteUrl.length), { method: "GET" })
      ).response;
    }
    return await fetch(url);
  };
  const providers = async () => {
    const config = (await runtime.loadModule("auth.config"))?.default as
      { providers?: AuthProvider[] } | undefined;
    return config?.providers ?? [];
  };
  const verifier = new TokenVerifier(providers, fetcher);

  const connections = new Set<SyncConnection>();
  const noteWrite = (write: Write) => {
    nextTimestamp();
    for (const connection of connections) connection.noteWrite(write);
  };
  const stopWatchingWrites = onWrite(noteWrite);

  const serveHttpAction = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ) => {
    const body =
      req.method === "GET" || req.method === "HEAD"
        ? undefined
        : await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined)
        headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    // What a deployment's edge adds: the client's address.
    if (!headers.has("x-forwarded-for") && req.socket.remoteAddress) {
      headers.set(
        "x-forwarded-for",
        req.socket.remoteAddress.replace(/^::ffff:/, ""),
      );
    }
    let identity: Identity | undefined;
    const bearer = headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
    if (bearer?.split(".").length === 3)
      identity = await verifier.verify(bearer).catch(() => undefined);
    const { response } = await runtime.fetch(
      path,
      { method: req.method, headers, body: body && new Uint8Array(body) },
      identity,
    );
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") outHeaders[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) outHeaders["set-cookie"] = cookies;
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  };

  const systemQuery = async (
    udfPath: string,
    args: JSONValue,
  ): Promise<CallResult | undefined> => {
    const path = udfPath.includes(":") ? udfPath : `${udfPath}:default`;
    const ok = (value: JSONValue): CallResult => ({
      ok: true,
      value,
      logLines: [],
    });
    if (path === "_system/cli/queryEnvironmentVariables:get") {
      const name = (args as { name?: string }).name ?? "";
      const value = envVars.get(name);
      return ok(value === undefined ? null : { name, value });
    }
    if (path === "_system/cli/queryEnvironmentVariables:default") {
      return ok([...envVars].map(([name, value]) => ({ name, value })));
    }
    if (path === "_system/cli/modules:apiSpec") {
      const specs = await runtime.listFunctions();
      return ok(
        specs.map((spec) => {
          const [module, name] = spec.udfPath.split(":");
          return {
            functionType: spec.type[0]!.toUpperCase() + spec.type.slice(1),
            identifier: `${module}.js:${name}`,
            visibility: { kind: spec.visibility },
          };
        }),
      );
    }
    return undefined;
  };

  const hostApi: HttpHost & ConstructorParameters<typeof SyncConnection>[1] = {
    runtime,
    verifyUserToken: (token) => verifier.verify(token),
    isAdminKey: (key) => key === adminKey,
    setEnvironmentVariable,
    environmentVariables: () => Object.fromEntries(envVars),
    invalidateAll: () => {
      nextTimestamp();
      for (const connection of connections) connection.invalidateAll();
    },
    serveHttpAction,
    systemQuery,
    mutationCache: new ReplayCache(),
  };

  const wss = new WebSocketServer({ noServer: true });
  cloudServer.on("upgrade", (req, socket, head) => {
    if (
      !/^\/api\/([^/]+\/)?sync$/.test(
        new URL(req.url ?? "/", "http://x").pathname,
      )
    ) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new SyncConnection(ws, hostApi);
      connections.add(connection);
      ws.on("close", () => connections.delete(connection));
    });
  });
  const deployHost = {
    deployment,
    logs,
    cloudUrl,
    siteUrl: convexSiteUrl,
    isAdminKey: hostApi.isAdminKey,
  };
  cloudServer.on("request", (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    handleDeployRoute(req, res, path, () => readBody(req), deployHost)
      .then(async (handled) => {
        if (!handled) await handleCloudRequest(req, res, hostApi);
      })
      .catch((error: unknown) => {
        console.error("[local backend]", error);
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  siteServer.on("request", (req, res) => {
    serveHttpAction(req, res, req.url ?? "/").catch((error: unknown) => {
      console.error("[local backend]", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  // The client reconnects after 60 s of silence; pings keep idle sockets open.
  const pings = setInterval(() => {
    for (const client of wss.clients) client.send('{"type":"Ping"}');
  }, PING_MS);

  // Scheduled functions' own writes are seen like any other, but convex-test
  // updates their `_scheduled_functions` rows directly: poll for those.
  let lastJobs = "";
  let polling = false;
  const scheduler = setInterval(() => {
    // Only subscriptions care; nobody connected means nothing to update.
    if (polling || connections.size === 0) return;
    polling = true;
    runtime.t
      .run(async (ctx) => {
        const jobs = await ctx.db.system
          .query("_scheduled_functions")
          .collect();
        return jobs.map((job) => `${job._id}:${job.state.kind}`).join(",");
      })
      .then((signature) => {
        if (signature !== lastJobs) {
          lastJobs = signature;
          noteWrite({ table: "_scheduled_functions" });
        }
      })
      .catch(() => undefined)
      .finally(() => (polling = false));
  }, SCHEDULER_POLL_MS);

  return {
    cloudUrl,
    siteUrl: convexSiteUrl,
    adminKey,
    runtime,
    logs,
    onPush(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    async close() {
      stopWatchingWrites();
      logs.close();
      clearInterval(pings);
      clearInterval(scheduler);
      for (const client of wss.clients) client.terminate();
      wss.close();
      cloudServer.closeAllConnections();
      siteServer.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => cloudServer.close(resolve)),
        new Promise((resolve) => siteServer.close(resolve)),
      ]);
      if (codeDir && !options.codeDir)
        rmSync(codeDir, { recursive: true, force: true });
    },
  };
}
