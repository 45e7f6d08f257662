/**
 * What the migrations' scale figures share: a convex-test backend on a
 * migration's transitional schema, and a batch run in a transaction of its
 * own with what it read and wrote (Convex's transaction metrics).
 */
import { convexTest } from "convex-test";
import type { GenericSchema, SchemaDefinition } from "convex/server";
import { setTestEnv, type TransactionLimits } from "./backend";
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
  return t;
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
