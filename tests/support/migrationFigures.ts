/**
 * What the migrations' scale figures share: a convex-test backend on a
 * migration's transitional schema, and a batch run in a transaction of its
 * own with what it read and wrote (Convex's transaction metrics).
 */
import { convexTest } from "convex-test";
import type { GenericSchema, SchemaDefinition } from "convex/server";
import { setTestEnv, withLoopTurns, type TransactionLimits } from "./backend";
import { appModules, registerComponents } from "./components";
import type { Usage } from "./readFigures";

/** A test backend on `schema`; `transactionLimits` as makeBackend's. */
export function makeSchemaBackend<Schema extends GenericSchema>(
  schema: SchemaDefinition<Schema, boolean>,
  options: { transactionLimits?: TransactionLimits } = {},
) {
  setTestEnv();
  const t = convexTest({
    schema,
    modules: appModules,
    transactionLimits: options.transactionLimits ?? false,
  });
  // registerComponents takes the app schema's backend; this one differs only in users.
  registerComponents(t as never);
  return withLoopTurns(t);
}

type SchemaBackend = ReturnType<typeof makeSchemaBackend>;
type RunCtx = Parameters<Parameters<SchemaBackend["run"]>[0]>[0];

/** One call in a transaction of its own, with what it read and wrote. */
export async function measured<Result>(
  t: { run: SchemaBackend["run"] },
  call: (ctx: RunCtx) => Promise<Result>,
  usages: Usage[],
): Promise<Result> {
  const { result, usage } = await t.run(async (ctx: RunCtx) => {
    const before = await ctx.meta.getTransactionMetrics();
    const value = await call(ctx);
    const after = await ctx.meta.getTransactionMetrics();
    return {
      result: value,
      usage: {
        reads: after.documentsRead.used - before.documentsRead.used,
        writes: after.documentsWritten.used - before.documentsWritten.used,
      },
    };
  });
  usages.push(usage);
  return result as Result;
}

/** The most any one batch read and wrote (each maximum on its own). */
export function worstOf(usages: Usage[]): Usage {
  return {
    reads: Math.max(...usages.map((usage) => usage.reads)),
    writes: Math.max(...usages.map((usage) => usage.writes)),
  };
}

const SEED_CHUNK = 500;

/** `count` seeded rows, `SEED_CHUNK` to a transaction: `seed(ctx, i)` writes row i. */
export async function seedInChunks<Ctx>(
  t: { run(fn: (ctx: Ctx) => Promise<void>): Promise<void> },
  count: number,
  seed: (ctx: Ctx, i: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < count; start += SEED_CHUNK) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + SEED_CHUNK); i++)
        await seed(ctx, i);
    });
  }
}
