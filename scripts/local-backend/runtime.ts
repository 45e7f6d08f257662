/**
 * Runs the app's Convex functions in-process with convex-test, the way a
 * deployment would for a given caller: visibility and function-type checks,
 * captured log lines, and errors (ConvexError data included) in wire form.
 */
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import {
  convexToJson,
  jsonToConvex,
  type JSONValue,
  type Value,
} from "convex/values";
import {
  captureInstanceState,
  type SchemaLike,
  type TestState,
} from "./convexTestState";
import type { ComponentInstance, StagedPush } from "./deployment";
import { moduleName } from "./pushedCode";
import type { SavedComponent } from "./savedState";
import { withLogCapture } from "./logs";
import {
  installReadWriteTracking,
  recordReads,
  type ReadSet,
} from "./readSets";
import type {
  AnyTest,
  AppSetup,
  Caller,
  CallResult,
  FunctionSpec,
  FunctionType,
  Identity,
  LogEntry,
} from "./types";

/** An admin's "acting as" identity, completed as the backend does: tokenIdentifier defaults to issuer|subject. */
export function actingAs(identity: Identity): Identity {
  return {
    ...identity,
    tokenIdentifier:
      identity.tokenIdentifier ?? `${identity.issuer}|${identity.subject}`,
  };
}

type Registered = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
};

const TYPE_NAMES: Record<FunctionType, "Query" | "Mutation" | "Action"> = {
  query: "Query",
  mutation: "Mutation",
  action: "Action",
};

/** "mod/file.js:fn" → "mod/file:fn"; a bare module gets ":default". */
export function canonicalPath(udfPath: string): string {
  const [module = "", name = "default"] = udfPath.split(":");
  return `${module.replace(/\.js$/, "")}:${name}`;
}

/** The app's modules by name ("users", "auth.config"), as deployed. */
type AppCode = {
  names: string[];
  load(name: string): Promise<Record<string, unknown>>;
};

/** An empty deployment's one module: convex-test wants a `_generated` path. */
const EMPTY_APP: AppSetup = {
  modules: { "/deployment/_generated/server.js": async () => ({}) },
};

export class Runtime {
  readonly t: AnyTest;
  /** Query executions by function: makes what read sets save measurable. */
  readonly queryRuns = new Map<string, number>();
  private app: AppCode = { names: [], load: async () => ({}) };
  private readonly componentModules: Record<string, () => Promise<unknown>>[] =
    [];
  private state?: TestState;
  /** Called after every query, mutation, action and HTTP action. */
  onCompletion?: (entry: Omit<LogEntry, "kind" | "timestamp">) => void;
  /** Schema per installed component instance ("" = app), for index diffs. */
  private readonly schemas = new Map<string, SchemaLike | null>();
  /** Restored scheduled functions wait for the code that runs them. */
  private rearmAfterInstall = false;

  /**
   * A deployment that runs pushed code: empty until the Convex CLI pushes,
   * or holding `saved` data (its functions still arrive by push). Each push
   * swaps the functions and schemas in place; the data stays.
   */
  static async forPushes(
    saved?: Record<string, SavedComponent>,
  ): Promise<Runtime> {
    const runtime = new Runtime(EMPTY_APP);
    runtime.state = await captureInstanceState(runtime.t);
    if (saved) {
      for (const [componentPath, component] of Object.entries(saved)) {
        // Registered now so its documents are there for the first push's
        // schema check; the push brings its schema and functions.
        if (!runtime.state.has(componentPath))
          runtime.t.registerComponent(
            componentPath,
            null as never,
            EMPTY_APP.modules,
          );
        runtime.state.restore(componentPath, component);
      }
      runtime.rearmAfterInstall = true;
    }
    return runtime;
  }

  /** Every component's committed data; `null` while a transaction is open. */
  async snapshot(): Promise<Record<string, SavedComponent> | null> {
    const state = await this.instanceState();
    return state.inTransaction() ? null : await state.snapshotAll();
  }

  private async instanceState(): Promise<TestState> {
    this.state ??= await captureInstanceState(this.t);
    return this.state;
  }

  /**
   * convex-test arms a timer per scheduled function; a restart loses them.
   * The app's pending ones are scheduled again (new ids, same time and
   * arguments). Components' own jobs can't be reached from here and stay
   * pending.
   */
  private async rearmScheduledFunctions(): Promise<void> {
    await this.t.run(async (ctx) => {
      const jobs = await ctx.db.system.query("_scheduled_functions").collect();
      for (const job of jobs) {
        if (job.state.kind !== "pending") continue;
        await ctx.scheduler.cancel(job._id);
        await ctx.scheduler.runAt(
          job.scheduledTime,
          makeFunctionReference<"mutation">(canonicalPath(job.name)),
          (job.args[0] ?? {}) as never,
        );
      }
    });
  }

  /** Runs the app's own source (tests, benchmarks): what `setup` holds. */
  constructor(setup: AppSetup) {
    this.t = convexTest(setup.schema, setup.modules);
    installReadWriteTracking();
    // Keep the components' modules too, so preload() can import them.
    const register = this.t.registerComponent.bind(this.t);
    setup.registerComponents?.({
      ...this.t,
      registerComponent: (path, schema, modules) => {
        this.componentModules.push(modules);
        register(path, schema, modules);
      },
    });
    // The same module root convex-test uses: the folder holding _generated.
    const generated = Object.keys(setup.modules).find((p) =>
      p.includes("_generated"),
    );
    if (!generated)
      throw new Error("The modules must include convex/_generated.");
    const root = generated.split("_generated")[0]!;
    const loaders = new Map(
      Object.entries(setup.modules).map(([path, load]) => [
        path.slice(root.length).replace(/\.[^.]+$/, ""),
        load,
      ]),
    );
    this.app = {
      names: [...loaders.keys()],
      load: async (name) =>
        ((await loaders.get(name)?.()) ?? {}) as Record<string, unknown>,
    };
    this.schemas.set("", (setup.schema ?? null) as SchemaLike | null);
  }

  /** Schema per installed component instance ("" = the app). */
  installedSchemas(): Map<string, SchemaLike | null> {
    return new Map(this.schemas);
  }

  /** The first stored document that the instance's new schema rejects. */
  findViolation(instance: ComponentInstance) {
    const state = this.pushState();
    if (!state.has(instance.componentPath)) return null;
    return state.findViolation(
      instance.componentPath,
      instance.definition.schema,
    );
  }

  /** Swaps a push's code in: new functions, schemas and components at once. */
  install(push: StagedPush): void {
    const state = this.pushState();
    for (const { componentPath, definition } of push.instances) {
      if (!state.has(componentPath)) {
        // Registered with a placeholder module map, replaced just below.
        this.t.registerComponent(
          componentPath,
          definition.schema as never,
          EMPTY_APP.modules,
        );
      }
      state.install(componentPath, definition.load, definition.schema);
      this.schemas.set(componentPath, definition.schema);
    }
    const app = push.instances.find((i) => i.componentPath === "")!.definition;
    this.app = {
      names: [...push.appModules.keys()].map(moduleName),
      load: async (name) =>
        (await app.load(name).catch(() => ({}))) as Record<string, unknown>,
    };
    if (this.rearmAfterInstall) {
      this.rearmAfterInstall = false;
      void this.rearmScheduledFunctions().catch((error: unknown) =>
        console.warn(
          `Could not schedule the saved scheduled functions again: ${(error as Error).message}`,
        ),
      );
    }
  }

  private pushState(): TestState {
    if (!this.state)
      throw new Error(
        "This backend runs source it was started with; start it without an app to accept pushes.",
      );
    return this.state;
  }

  private async lookup(udfPath: string): Promise<Registered | null> {
    const [module, name] = canonicalPath(udfPath).split(":") as [
      string,
      string,
    ];
    if (!this.app.names.includes(module) || module.startsWith("_generated"))
      return null;
    const exports = await this.app.load(module);
    const fn = exports[name];
    return typeof fn === "function" ? (fn as Registered) : null;
  }

  /**
   * Imports every module up front. Under vite-node a module's first import
   * starts Vite work (transforms, timers); doing that inside a function call
   * would run it in convex-test's transaction context, where timers are banned.
   */
  async preload(): Promise<void> {
    const all: [string, () => Promise<unknown>][] = [
      ...this.app.names.map(
        (name) =>
          [name, () => this.app.load(name)] as [string, () => Promise<unknown>],
      ),
      ...this.componentModules.flatMap((modules) => Object.entries(modules)),
    ];
    for (const [path, load] of all) {
      // convex.config is for the bundler only, and tests need vitest: skip them.
      if (/convex\.config(\.[jt]s)?$|\.test\.[jt]s$/.test(path)) continue;
      await load().catch(() => undefined);
    }
  }

  /** A module of the convex/ folder by path, e.g. "auth.config". */
  async loadModule(path: string): Promise<Record<string, unknown> | undefined> {
    return this.app.names.includes(path)
      ? await this.app.load(path)
      : undefined;
  }

  /** Every query, mutation and action, for the CLI's function listing. */
  async listFunctions(): Promise<FunctionSpec[]> {
    const specs: FunctionSpec[] = [];
    for (const module of this.app.names) {
      if (
        module.startsWith("_generated") ||
        module.startsWith("_deps/") ||
        module.endsWith(".config")
      )
        continue;
      const exports = await this.app.load(module).catch(() => ({}));
      for (const [name, value] of Object.entries(exports)) {
        const fn = value as Registered;
        if (typeof value !== "function") continue;
        const type = fn.isQuery
          ? "query"
          : fn.isMutation
            ? "mutation"
            : fn.isAction
              ? "action"
              : null;
        if (!type) continue;
        specs.push({
          udfPath: `${module}:${name}`,
          type,
          visibility: fn.isPublic ? "public" : "internal",
        });
      }
    }
    return specs;
  }

  /**
   * Calls a function as `caller`. `expected` is the type the endpoint
   * implies ("any" for the CLI's /api/function). Like a deployment, only
   * admins reach internal functions; everyone else is told it doesn't exist.
   * A query's reads go into `reads` when given (subscriptions).
   */
  async call(
    expected: FunctionType | "any",
    udfPath: string,
    args: JSONValue,
    caller: Caller,
    reads?: ReadSet,
  ): Promise<CallResult> {
    const path = canonicalPath(udfPath);
    const fn = await this.lookup(path).catch(() => null);
    const admin = caller.kind === "admin";
    const type: FunctionType | null = fn?.isQuery
      ? "query"
      : fn?.isMutation
        ? "mutation"
        : fn?.isAction
          ? "action"
          : null;
    if (!fn || !type || (!fn.isPublic && !admin)) {
      const which = expected === "any" ? "function" : "public function";
      return {
        ok: false,
        errorMessage: `Could not find ${which} for '${path}'. Did you forget to run \`npx convex dev\`?`,
        logLines: [],
      };
    }
    if (expected !== "any" && expected !== type) {
      return {
        ok: false,
        errorMessage: `Trying to execute ${path} as ${TYPE_NAMES[expected]}, but it is defined as ${TYPE_NAMES[type]}.`,
        logLines: [],
      };
    }
    const identity = caller.kind === "anonymous" ? undefined : caller.identity;
    const client = identity ? this.t.withIdentity(identity) : this.t;
    const decoded = jsonToConvex(args) as Record<string, Value>;
    const started = performance.now();
    const { logLines, result } = await withLogCapture(
      async (): Promise<Value> => {
        switch (type) {
          case "query": {
            this.queryRuns.set(path, (this.queryRuns.get(path) ?? 0) + 1);
            const run = () =>
              client.query(makeFunctionReference<"query">(path), decoded);
            return await (reads ? recordReads(reads, run) : run());
          }
          case "mutation":
            return await client.mutation(
              makeFunctionReference<"mutation">(path),
              decoded,
            );
          case "action":
            return await client.action(
              makeFunctionReference<"action">(path),
              decoded,
            );
        }
      },
    );
    const outcome: CallResult =
      result.status === "fulfilled"
        ? { ok: true, value: convexToJson(result.value ?? null), logLines }
        : { ok: false, ...describeError(result.reason), logLines };
    this.onCompletion?.({
      identifier: path,
      udfType: TYPE_NAMES[type],
      executionTime: (performance.now() - started) / 1000,
      logLines,
      error: outcome.ok ? null : outcome.errorMessage,
    });
    return outcome;
  }

  /** Runs an HTTP action (the app's convex/http.ts router). */
  async fetch(
    pathAndQuery: string,
    init: RequestInit,
    identity?: Identity,
  ): Promise<{ response: Response; logLines: string[] }> {
    const client = identity ? this.t.withIdentity(identity) : this.t;
    const started = performance.now();
    const { logLines, result } = await withLogCapture(() =>
      client.fetch(pathAndQuery, init),
    );
    const errorMessage =
      result.status === "fulfilled"
        ? null
        : describeError(result.reason).errorMessage;
    this.onCompletion?.({
      identifier: `${init.method ?? "GET"} ${pathAndQuery.split("?")[0]}`,
      udfType: "HttpAction",
      executionTime: (performance.now() - started) / 1000,
      logLines,
      error: errorMessage,
    });
    if (result.status === "fulfilled")
      return { response: result.value, logLines };
    return {
      response: new Response(
        JSON.stringify({ code: "InternalServerError", message: errorMessage }),
        {
          status: 500,
          headers: { "content-type": "application/json" },
        },
      ),
      logLines,
    };
  }
}

function describeError(error: unknown): {
  errorMessage: string;
  errorData?: JSONValue;
} {
  const e = error as { name?: string; message?: string; data?: unknown };
  const isConvexError =
    typeof error === "object" &&
    error !== null &&
    (e.name === "ConvexError" || Symbol.for("ConvexError") in error);
  if (isConvexError) {
    return {
      errorMessage: `Uncaught ConvexError: ${e.message ?? ""}`,
      errorData: convexToJson((e.data ?? null) as never),
    };
  }
  return {
    errorMessage: `Uncaught ${e.name ?? "Error"}: ${e.message ?? String(error)}`,
  };
}
