/**
 * The per-instance state of a convex-test instance (checked against
 * convex-test 0.0.60), so that a push can swap a component's functions and
 * schema in place while its documents, id counters and scheduled functions
 * stay where they are, as on a deployment.
 *
 * convex-test keeps that state in a closure and enters it with an
 * AsyncLocalStorage for each call. We capture it once by watching
 * `AsyncLocalStorage.prototype.run` during one `t.run()`: the store it enters
 * is the instance's state. `tests/local-backend/clientProtocol.test.ts` fails when
 * convex-test's version changes, so this is re-checked on every upgrade.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { convexToJson, jsonToConvex, type JSONValue } from "convex/values";
import type { SavedComponent } from "./savedState";
import type { AnyTest } from "./types";

/** Loads a module by its path without extension ("users", "lib/x"). */
export type ModuleLoader = (path: string) => Promise<unknown>;

type TableExport = { documentType: unknown; indexes: unknown[] };
type Schema = {
  schemaValidation: boolean;
  tables: Map<string, TableExport>;
} | null;

/** convex-test's `DatabaseFake`, the parts we use. */
type DatabaseFake = {
  _schema: Schema;
  _documents: Record<string, Record<string, JSONValue>>;
  _storage: Record<string, Blob>;
  _nextDocId: number;
  _lastCreationTime: number;
  /** Pending writes, one level per open (nested) transaction. */
  _writes: unknown[];
  _validate(table: string, doc: Record<string, JSONValue>): void;
};

type ComponentState = { db: DatabaseFake; modules: ModuleLoader };
type InstanceState = {
  components: Record<string, ComponentState>;
  transactionManager: { isInTransaction(): boolean };
};

/** What a SchemaDefinition (convex/server's defineSchema) carries. */
export type SchemaLike = {
  schemaValidation: boolean;
  tables: Record<string, { export(): TableExport }>;
};

function isInstanceState(store: unknown): store is InstanceState {
  return (
    typeof store === "object" &&
    store !== null &&
    "components" in store &&
    "transactionManager" in store
  );
}

/** The state behind `t`: its components, their databases and modules. */
export async function captureInstanceState(t: AnyTest): Promise<TestState> {
  let captured: InstanceState | undefined;
  const prototype = AsyncLocalStorage.prototype as {
    run: (...args: unknown[]) => unknown;
  };
  const run = prototype.run;
  prototype.run = function (this: unknown, store: unknown, ...rest: unknown[]) {
    if (!captured && isInstanceState(store)) captured = store;
    return run.call(this, store, ...rest);
  };
  try {
    await t.run(async () => undefined);
  } finally {
    prototype.run = run;
  }
  if (!captured)
    throw new Error(
      "Could not reach convex-test's instance state: has convex-test changed? See scripts/local-backend/convexTestState.ts.",
    );
  return new TestState(captured);
}

function exportSchema(schema: SchemaLike | null): Schema {
  if (!schema) return null;
  return {
    schemaValidation: schema.schemaValidation,
    tables: new Map(
      Object.entries(schema.tables).map(([name, table]) => [
        name,
        table.export(),
      ]),
    ),
  };
}

/** A document that the new schema rejects. */
export type SchemaViolation = { table: string; id: string; message: string };

export class TestState {
  constructor(private readonly state: InstanceState) {}

  has(componentPath: string): boolean {
    return componentPath in this.state.components;
  }

  /** Component paths registered so far ("" = the app). */
  componentPaths(): string[] {
    return Object.keys(this.state.components);
  }

  /** True while a transaction is open: its writes aren't committed yet. */
  inTransaction(): boolean {
    return (
      this.state.transactionManager.isInTransaction() ||
      Object.values(this.state.components).some(
        ({ db }) => db._writes.length > 0,
      )
    );
  }

  /**
   * Every component's committed documents, id counter and files.
   * convex-test commits all components in one synchronous step, and the
   * documents are copied here in one synchronous step too, so the snapshot
   * is of one moment (files are immutable blobs, read afterwards).
   */
  async snapshotAll(): Promise<Record<string, SavedComponent>> {
    const taken = Object.entries(this.state.components).map(
      ([path, { db }]) => ({
        path,
        documents: Object.values(db._documents).map((document) =>
          convexToJson(document as never),
        ),
        nextDocId: db._nextDocId,
        lastCreationTime: db._lastCreationTime,
        blobs: Object.entries(db._storage),
      }),
    );
    const result: Record<string, SavedComponent> = {};
    for (const { path, blobs, ...component } of taken) {
      const files: SavedComponent["files"] = {};
      for (const [id, blob] of blobs)
        files[id] = {
          type: blob.type,
          base64: Buffer.from(await blob.arrayBuffer()).toString("base64"),
        };
      result[path] = { ...component, files };
    }
    return result;
  }

  /** Puts saved documents back into a (new, empty) component. */
  restore(componentPath: string, saved: SavedComponent): void {
    const { db } = this.component(componentPath);
    db._documents = {};
    for (const json of saved.documents) {
      const document = jsonToConvex(json) as Record<string, JSONValue>;
      db._documents[document._id as string] = document;
    }
    db._storage = Object.fromEntries(
      Object.entries(saved.files ?? {}).map(([id, { type, base64 }]) => [
        id,
        new Blob([Buffer.from(base64, "base64")], { type }),
      ]),
    );
    db._nextDocId = saved.nextDocId;
    db._lastCreationTime = saved.lastCreationTime;
  }

  private component(componentPath: string): ComponentState {
    const component = this.state.components[componentPath];
    if (!component)
      throw new Error(`Component "${componentPath}" is not registered.`);
    return component;
  }

  /** Swaps a component's functions and schema; its documents stay. */
  install(
    componentPath: string,
    modules: ModuleLoader,
    schema: SchemaLike | null,
  ): void {
    const component = this.component(componentPath);
    component.modules = modules;
    component.db._schema = exportSchema(schema);
  }

  /**
   * The first stored document that `schema` rejects, as a deployment checks
   * before it accepts a schema; `null` when all match.
   */
  findViolation(
    componentPath: string,
    schema: SchemaLike | null,
  ): SchemaViolation | null {
    const { db } = this.component(componentPath);
    const previous = db._schema;
    db._schema = exportSchema(schema);
    try {
      for (const [id, document] of Object.entries(db._documents)) {
        const table = id.replace(/^[0-9]+/, "");
        if (table.startsWith("_")) continue;
        const fields = { ...document };
        delete fields._id;
        delete fields._creationTime;
        try {
          db._validate(table, fields);
        } catch (error) {
          return { table, id, message: (error as Error).message };
        }
      }
      return null;
    } finally {
      db._schema = previous;
    }
  }
}
