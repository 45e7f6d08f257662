/**
 * Read sets: which documents and index ranges a query read, so that a write
 * re-runs only the subscriptions it can change, as a deployment does.
 *
 * convex-test runs every database access of a function through the
 * `Convex.syscall` / `Convex.asyncSyscall` globals; we wrap them. Reads are
 * attributed to a query through an AsyncLocalStorage. Writes are reported as
 * they happen, before their transaction commits. That is early but safe:
 * convex-test runs one transaction at a time, so a query re-run for a write
 * starts after that write has committed or rolled back.
 *
 * The match is conservative (a false "changed" only costs a re-run): only
 * `Eq` bounds on plain values narrow a range; other bounds, and table scans
 * and search, cover the whole table.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { JSONValue } from "convex/values";
import type { Write } from "./types";

type Doc = { [field: string]: JSONValue };
type Primitive = string | number | boolean | null;

type Range = { table: string; eq: { fieldPath: string; value: Primitive }[] };

type QueryJson = {
  source:
    | { type: "FullTableScan"; tableName: string }
    | {
        type: "IndexRange";
        indexName: string;
        range: { type: string; fieldPath: string; value: JSONValue }[];
      }
    | { type: "Search"; indexName: string };
};

/** convex-test's ids end with their table name: "10042notes". */
export function tableOfId(id: string): string {
  return id.replace(/^[0-9]+/, "");
}

function isPrimitive(value: JSONValue | undefined): value is Primitive {
  return (
    value === null || ["string", "number", "boolean"].includes(typeof value)
  );
}

function fieldOf(doc: Doc, fieldPath: string): JSONValue | undefined {
  let value: JSONValue | undefined = doc;
  for (const part of fieldPath.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return undefined;
    value = value[part];
  }
  return value;
}

export class ReadSet {
  private readonly ids = new Set<string>();
  private readonly tables = new Set<string>();
  private readonly ranges: Range[] = [];

  readDocument(id: string): void {
    this.ids.add(id);
    this.tables.add(tableOfId(id));
  }

  readQuery(query: QueryJson): void {
    const { source } = query;
    const table =
      source.type === "FullTableScan"
        ? source.tableName
        : source.indexName.split(".")[0]!;
    this.tables.add(table);
    const eq =
      source.type === "IndexRange"
        ? source.range.flatMap(({ type, fieldPath, value }) =>
            type === "Eq" && isPrimitive(value) ? [{ fieldPath, value }] : [],
          )
        : [];
    this.ranges.push({ table, eq });
  }

  /** Could this write change what was read? */
  isChangedBy(write: Write): boolean {
    if (!this.tables.has(write.table)) return false;
    if (write.id === undefined || this.ids.has(write.id)) return true;
    const doc = write.value;
    if (!doc) return false; // A deleted document we never read.
    return this.ranges.some(
      (range) =>
        range.table === write.table &&
        range.eq.every(
          ({ fieldPath, value }) => fieldOf(doc, fieldPath) === value,
        ),
    );
  }
}

type Syscall = (op: string, jsonArgs: string) => string;
type AsyncSyscall = (op: string, jsonArgs: string) => Promise<string>;
type ConvexGlobal = {
  readonly syscall: Syscall;
  readonly asyncSyscall: AsyncSyscall;
  readonly jsSyscall: unknown;
};

const reading = new AsyncLocalStorage<ReadSet>();
const writeListeners = new Set<(write: Write) => void>();
// Writes are seen inside the writer's convex-test contexts. Listeners must run
// outside them: a query they start would otherwise join the writer's
// transaction instead of waiting for it. This runs a function in the (empty)
// context of this module's loading.
const outsideFunctions = AsyncLocalStorage.snapshot();
let installed = false;

/** Runs `fn`, recording what its database reads touch into `reads`. */
export function recordReads<T>(
  reads: ReadSet,
  fn: () => Promise<T>,
): Promise<T> {
  return reading.run(reads, fn);
}

/**
 * Calls `listener` with every document write in this process (the tracking
 * is process-wide, as convex-test's globals are); returns the unsubscribe.
 */
export function watchWrites(listener: (write: Write) => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

function reportWrite(write: Write): void {
  outsideFunctions(() => {
    for (const listener of writeListeners) listener(write);
  });
}

/**
 * Wraps convex-test's syscall globals (installed by its first `convexTest()`,
 * so call this after creating one). Idempotent.
 */
export function installReadWriteTracking(): void {
  if (installed) return;
  const g = globalThis as unknown as { Convex?: ConvexGlobal };
  const inner = g.Convex;
  if (!inner)
    throw new Error("convexTest() must run before read tracking is installed.");
  installed = true;

  const syscall: Syscall = (op, jsonArgs) => {
    const result = inner.syscall(op, jsonArgs);
    const reads = reading.getStore();
    if (reads && op === "1.0/queryStream") {
      reads.readQuery((JSON.parse(jsonArgs) as { query: QueryJson }).query);
    }
    return result;
  };

  const asyncSyscall: AsyncSyscall = async (op, jsonArgs) => {
    const call = inner.asyncSyscall; // Resolved in the caller's convex-test context.
    const result = await call(op, jsonArgs);
    const reads = reading.getStore();
    const args = () => JSON.parse(jsonArgs) as Record<string, JSONValue>;
    switch (op) {
      case "1.0/get":
        reads?.readDocument(args().id as string);
        break;
      case "1.0/queryStreamNext": {
        const { value } = JSON.parse(result) as { value: Doc | null };
        if (reads && value) reads.readDocument(value._id as string);
        break;
      }
      case "1.0/queryPage": {
        if (!reads) break;
        reads.readQuery(args().query as unknown as QueryJson);
        const { page } = JSON.parse(result) as { page: Doc[] };
        for (const doc of page) reads.readDocument(doc._id as string);
        break;
      }
      case "1.0/insert": {
        const { table, value } = args() as { table: string; value: Doc };
        const { _id } = JSON.parse(result) as { _id: string };
        reportWrite({ table, id: _id, value: { ...value, _id } });
        break;
      }
      case "1.0/replace": {
        const { id, value } = args() as { id: string; value: Doc };
        reportWrite({ table: tableOfId(id), id, value: { ...value, _id: id } });
        break;
      }
      case "1.0/shallowMerge": {
        // The merged document, read back in the writer's own transaction
        // (this adds one read to the writer's transaction metrics).
        const { id } = args() as { id: string };
        const merged = JSON.parse(
          await call("1.0/get", JSON.stringify({ id })),
        ) as Doc | null;
        reportWrite({ table: tableOfId(id), id, value: merged ?? undefined });
        break;
      }
      case "1.0/remove": {
        const { id } = args() as { id: string };
        reportWrite({ table: tableOfId(id), id });
        break;
      }
    }
    return result;
  };

  g.Convex = {
    get syscall() {
      return syscall;
    },
    get asyncSyscall() {
      return asyncSyscall;
    },
    get jsSyscall() {
      return inner.jsSyscall;
    },
  };
}
