/**
 * `startLocalBackend()`: a local, in-memory Convex backend for development
 * and tests, put together from its parts.
 *
 * It runs a convex/ folder's functions in-process with convex-test and speaks
 * the real Convex protocols, so the unmodified ConvexReactClient, the Better
 * Auth client and the Convex CLI use it like a deployment:
 *   cloud URL: WebSocket sync (/api/<version>/sync), the HTTP API, /http/*
 *   site URL:  HTTP actions (convex/http.ts), e.g. Better Auth's /api/auth/*
 * Data lives in memory, and with `dataDir` also on disk between restarts.
 * Not a production backend.
 */
import { randomBytes } from "node:crypto";
import type { GenericDataModel } from "convex/server";
import { createRuntime, startDeployment, takesPushes } from "./appCode";
import { authProviders, userTokenVerifier } from "./authConfig";
import { FunctionLogs } from "./functionLogs";
import { httpActionServer } from "./httpActions";
import { listenHttp } from "./httpServers";
import { prepareProcess } from "./processEnvironment";
import { watchWrites } from "./readSets";
import {
  loadSavedState,
  SAVED_STATE_FORMAT,
  savedStateFile,
  StateSaver,
  type LoadedState,
} from "./savedState";
import { watchScheduledFunctions } from "./scheduler";
import { SyncHub } from "./syncHub";
import { systemQueries } from "./systemQueries";
import type {
  LocalBackend,
  LocalBackendOptions,
  RunContext,
  SavedDataOutcome,
  Write,
} from "./types";

/**
 * Starts the backend on 127.0.0.1 (ports 0 = ephemeral). Sets the functions'
 * environment in this process's `process.env`, so run one per process.
 */
export async function startLocalBackend<
  DataModel extends GenericDataModel = GenericDataModel,
>(options: LocalBackendOptions): Promise<LocalBackend<DataModel>> {
  const servers = await listenHttp({
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    sitePort: options.sitePort ?? 0,
  });
  const { cloudUrl, siteUrl } = servers;
  const adminKey =
    options.adminKey ?? `local-admin-${randomBytes(16).toString("hex")}`;
  const isAdminKey = (key: string) => key === adminKey;

  const { dataDir } = options;
  if (dataDir && !takesPushes(options))
    throw new Error(
      "`dataDir` is for a deployment that takes pushes; source mode (`convexDir`, `app`) starts empty.",
    );
  const loaded: LoadedState = dataDir
    ? loadSavedState(dataDir)
    : { kind: "none" };
  const saved = loaded.kind === "loaded" ? loaded.state : undefined;
  const variables = prepareProcess(options, { cloudUrl, siteUrl }, saved?.env);
  const runtime = await createRuntime(options, saved?.components);
  const saver = dataDir
    ? new StateSaver(dataDir, async () => {
        const components = await runtime.snapshot();
        return components
          ? { format: SAVED_STATE_FORMAT, env: variables.all(), components }
          : null;
      })
    : undefined;
  const savedData: SavedDataOutcome =
    loaded.kind === "loaded"
      ? { kind: "loaded", file: savedStateFile(dataDir!) }
      : loaded.kind === "incompatible"
        ? {
            kind: "incompatible",
            reason: loaded.reason,
            setAside: loaded.setAside,
          }
        : { kind: "none" };
  const logs = new FunctionLogs();
  runtime.onCompletion = (entry) => logs.record(entry);
  const verifier = userTokenVerifier(runtime, siteUrl);
  const hub = new SyncHub({
    runtime,
    verifyUserToken: (token) => verifier.verify(token),
    isAdminKey,
    systemQuery: systemQueries(runtime, variables),
  });

  const pushListeners = new Set<() => void>();
  const push = takesPushes(options)
    ? startDeployment(options, {
        installedSchemas: () => runtime.installedSchemas(),
        findViolation: (instance) => runtime.findViolation(instance),
        install: (staged) => {
          runtime.install(staged);
          hub.invalidateAll();
          for (const listener of pushListeners) listener();
        },
        environmentVariables: () => variables.all(),
        authProviders: () => authProviders(runtime),
      })
    : undefined;

  // Every document write: subscriptions first, then this backend's listeners.
  const writeListeners = new Set<(write: Write) => void>();
  const stopWatchingWrites = watchWrites((write) => {
    saver?.changed();
    hub.noteWrite(write);
    for (const listener of writeListeners) listener(write);
  });
  const stopScheduler = watchScheduledFunctions(
    runtime,
    () => hub.size > 0 || saver !== undefined,
    (write) => {
      saver?.changed();
      hub.noteWrite(write);
    },
  );

  const httpAction = httpActionServer(runtime, verifier);
  servers.serve({
    deploy: {
      deployment: push?.deployment,
      logs,
      cloudUrl,
      siteUrl,
      isAdminKey,
    },
    cloudApi: {
      runtime,
      verifyUserToken: (token) => verifier.verify(token),
      isAdminKey,
      setEnvironmentVariable: (name, value) => {
        variables.set(name, value);
        saver?.changed();
      },
      environmentVariables: () => variables.all(),
      invalidateAll: () => hub.invalidateAll(),
      serveHttpAction: httpAction,
    },
    httpAction,
    upgrade: (req, socket, head) => hub.upgrade(req, socket, head),
  });

  const subscribe = <T>(listeners: Set<T>, listener: T) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    cloudUrl,
    siteUrl,
    adminKey,
    dataDir,
    savedData,
    // The caller names the data model; convex-test's instance here has none.
    run: <Output>(fn: (ctx: RunContext<DataModel>) => Promise<Output>) =>
      runtime.t.run<Output>(fn as never),
    call: (kind, udfPath, args, caller) =>
      runtime.call(kind, udfPath, args, caller),
    functions: () => runtime.listFunctions(),
    queryRuns: runtime.queryRuns,
    onWrite(
      tableOrListener: string | ((write: Write) => void),
      listener?: (write: Write) => void,
    ) {
      if (typeof tableOrListener === "function")
        return subscribe(writeListeners, tableOrListener);
      const table = tableOrListener;
      return subscribe(writeListeners, (write: Write) => {
        if (write.table === table) listener!(write);
      });
    },
    onPush: (listener) => subscribe(pushListeners, listener),
    logs,
    async close() {
      stopWatchingWrites();
      writeListeners.clear();
      logs.close();
      stopScheduler();
      hub.close();
      await servers.close();
      await saver?.close();
      push?.removeCode();
    },
  };
}
