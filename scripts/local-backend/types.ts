/**
 * The local backend's types: what its callers see (re-exported by index.ts)
 * and the few its modules share. A leaf: it imports nothing from this folder,
 * so any module can use it without an import cycle.
 */
import type { TestConvex } from "convex-test";
import type {
  GenericActionCtx,
  GenericDataModel,
  GenericMutationCtx,
  GenericSchema,
  SchemaDefinition,
  UserIdentity,
} from "convex/server";
import type { JSONValue } from "convex/values";

/** A convex-test instance for any schema. */
export type AnyTest = TestConvex<SchemaDefinition<GenericSchema, boolean>>;

/** The app's hook that registers its components' convex-test helpers. */
export type RegisterComponents = (t: AnyTest) => void;

/** What the app hands the backend: what convex-test needs. */
export type AppSetup = {
  /** convex/schema.ts's default export, if the app has one. */
  schema?: SchemaDefinition<GenericSchema, boolean>;
  /** Every file of the convex/ folder, `_generated` included (an import.meta.glob). */
  modules: Record<string, () => Promise<unknown>>;
  /** Registers the app's components (their convex-test helpers). */
  registerComponents?: RegisterComponents;
};

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
  /**
   * Keep the data between restarts in this folder (a deployment that takes
   * pushes only): every component's documents, stored files, scheduled
   * functions and the environment variables (so the generated
   * BETTER_AUTH_SECRET too), loaded at start and saved after each committed
   * write and on close. Without it the data lives in memory only.
   */
  dataDir?: string;
};

/** What became of `dataDir`'s saved data at start. */
export type SavedDataOutcome =
  | { kind: "none" }
  | { kind: "loaded"; file: string }
  | { kind: "incompatible"; reason: string; setAside: string };

/** A user identity, as `ctx.auth.getUserIdentity()` returns it. */
export type Identity = Partial<UserIdentity> & Record<string, unknown>;

/** Who is calling: nobody, a user (verified JWT), or an admin key holder. */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "user"; identity: Identity }
  | { kind: "admin"; identity?: Identity };

export type FunctionType = "query" | "mutation" | "action";

/** A function call's outcome, in wire form (values as JSON). */
export type CallResult =
  | { ok: true; value: JSONValue; logLines: string[] }
  | {
      ok: false;
      errorMessage: string;
      errorData?: JSONValue;
      logLines: string[];
    };

/** One deployed function, as the CLI lists them. */
export type FunctionSpec = {
  udfPath: string;
  type: FunctionType;
  visibility: "public" | "internal";
};

type Doc = { [field: string]: JSONValue };

/** A document written: its new value, or none when deleted. No id: "anything in the table" (system writes we can't see). */
export type Write = { table: string; id?: string; value?: Doc };

/** One completed call, in the CLI's log entry shape. */
export type LogEntry = {
  kind: "Completion";
  identifier: string;
  udfType: "Query" | "Mutation" | "Action" | "HttpAction";
  /** Seconds since the epoch. */
  timestamp: number;
  /** Seconds. */
  executionTime: number;
  logLines: string[];
  error: string | null;
};

/** Recent function logs, as `convex dev` tails them. */
export type FunctionLogReader = {
  /** Entries after `cursor`, waiting up to 10 s for one when there are none. */
  after(
    cursor: number,
    signal?: AbortSignal,
  ): Promise<{ entries: LogEntry[]; newCursor: number }>;
};

/** What `backend.run(fn)` hands `fn`: convex-test's `t.run` context. */
export type RunContext<DataModel extends GenericDataModel> =
  GenericMutationCtx<DataModel> & Pick<GenericActionCtx<DataModel>, "storage">;

/**
 * A running local backend. `DataModel` is what the caller says the
 * deployment holds (e.g. `DataModel` from convex/_generated/dataModel); it
 * only types `run`, the backend doesn't check it.
 */
export type LocalBackend<
  DataModel extends GenericDataModel = GenericDataModel,
> = {
  /** The client URL (VITE_CONVEX_URL): sync, HTTP API, pushes. */
  readonly cloudUrl: string;
  /** The HTTP actions' URL (VITE_CONVEX_SITE_URL). */
  readonly siteUrl: string;
  readonly adminKey: string;
  /** Where the data is kept between restarts (`dataDir`), if anywhere. */
  readonly dataDir?: string;
  /** How the start went with the saved data: "none" (started empty), "loaded", or why it was set aside. */
  readonly savedData: SavedDataOutcome;
  /**
   * Reads and writes data in one transaction, as convex-test's `t.run`:
   * direct `ctx.db` access, `ctx.runQuery` / `ctx.runMutation`, no checks.
   * Connected clients see its writes like any other.
   */
  run<Output>(
    fn: (ctx: RunContext<DataModel>) => Promise<Output>,
  ): Promise<Output>;
  /**
   * Calls a deployed function (e.g. "devMailbox:latest") as `caller`, as
   * the HTTP API does: only admins reach internal functions, and `kind`
   * must match the function's type ("any" accepts each).
   */
  call(
    kind: FunctionType | "any",
    udfPath: string,
    args: JSONValue,
    caller: Caller,
  ): Promise<CallResult>;
  /** Every deployed query, mutation and action. */
  functions(): Promise<FunctionSpec[]>;
  /** Query executions by function ("items:ofOwner"), subscriptions' re-runs included. */
  readonly queryRuns: ReadonlyMap<string, number>;
  /**
   * Calls `listener` after each document write of a function (or of
   * `run`), in `table` only when given; returns the unsubscribe. Stops
   * when the backend closes.
   */
  onWrite(listener: (write: Write) => void): () => void;
  onWrite(table: string, listener: (write: Write) => void): () => void;
  /** Calls `listener` after each push that went live; returns an unsubscribe. */
  onPush(listener: () => void): () => void;
  /** Every call's logs and outcome, as `convex dev` tails them. */
  readonly logs: FunctionLogReader;
  /** Stops the servers and ends every connection and subscription. */
  close(): Promise<void>;
};
