/**
 * The dual-database migration at scale: a deployment of the old pattern
 * (auth users, old `users` rows in its shape, some missing), migrated by the
 * same driver as `migrations/fromDualDatabase:run`, each batch measured with
 * Convex's transaction metrics. Shared by
 * tests/migrations.dualDatabase.scale.test.ts (which fails over budget) and
 * `npm run bench` (which prints the worst batch).
 */
import { defineSchema } from "convex/server";
import { components, internal } from "../../convex/_generated/api";
import schema from "../../convex/schema";
import { dualDatabaseUsersTable } from "../../convex/migrations/dualDatabaseSchema";
import {
  driveMigration,
  type Report,
} from "../../convex/migrations/dualDatabaseReport";
import { MIGRATION_BATCH } from "../../convex/migrations/fromDualDatabase";
import type { TransactionLimits } from "./backend";
import {
  makeSchemaBackend,
  measured,
  seedInChunks,
  worstOf,
} from "./migrationFigures";
import type { Usage } from "./readFigures";

export const MIGRATION_USERS = 5_000;

/** convex/schema.ts as step 1 of docs/migrating-from-dual-database.md edits it. */
export const transitionalSchema = defineSchema({
  ...schema.tables,
  users: dualDatabaseUsersTable,
});

/** A test backend on the transitional schema; `transactionLimits` as makeBackend's. */
export function makeTransitionalBackend(
  options: { transactionLimits?: TransactionLimits } = {},
) {
  return makeSchemaBackend(transitionalSchema, options);
}

export type TransitionalBackend = ReturnType<typeof makeTransitionalBackend>;

/**
 * `count` auth users (verified, as the old app's sign-ups), and what the old
 * sync left: a quarter linked by id with a stale name (every 50th an
 * admin), a quarter linked by id and current, a quarter from before it
 * stored ids (matched by email), a quarter never synced.
 */
export async function seedDualDatabase(
  t: TransitionalBackend,
  count: number,
): Promise<void> {
  await seedInChunks(t, count, async (ctx, i) => {
    const email = `old${i}@example.com`;
    const now = 1_700_000_000_000 + i;
    const user = (await ctx.runMutation(components.betterAuth.adapter.create, {
      input: {
        model: "user",
        data: {
          email,
          name: `User ${i}`,
          emailVerified: true,
          createdAt: now,
          updatedAt: now,
        },
      },
    })) as { _id: string };
    const kind = i % 4;
    if (kind === 3) return;
    const old: Record<string, unknown> = {
      email,
      name: kind === 0 ? `Old name ${i}` : `User ${i}`,
      isAdmin: i % 50 === 0,
      createdAt: now,
      ...(kind === 2 ? {} : { betterAuthId: user._id }),
    };
    // The old app's shape, which the starter's types don't describe.
    await ctx.db.insert("users", old as never);
  });
}

/** The migration over a seeded backend, as the `run` action drives it; every batch measured. */
export async function runMeasuredMigration(
  t: TransitionalBackend,
  dryRun = false,
): Promise<{ report: Report; worst: Usage; batches: number }> {
  const usages: Usage[] = [];
  const fn = internal.migrations.fromDualDatabase;
  const report = await driveMigration(
    {
      linkAppRows: (args) =>
        measured(t, (ctx) => ctx.runMutation(fn.linkAppRows, args), usages),
      createMissingAppRows: (args) =>
        measured(
          t,
          (ctx) => ctx.runMutation(fn.createMissingAppRows, args),
          usages,
        ),
    },
    {
      dryRun,
      linkField: "betterAuthId",
      batchSize: MIGRATION_BATCH,
      from: { phase: "appRows", cursor: null },
      log: () => {},
    },
  );
  return {
    report,
    batches: usages.length,
    worst: worstOf(usages),
  };
}

/** The figure `npm run bench` prints: the worst batch of a MIGRATION_USERS migration. */
export async function dualDatabaseMigrationFigures(
  limits: TransactionLimits,
): Promise<{ worst: Usage; batches: number; report: Report }> {
  const t = makeTransitionalBackend({ transactionLimits: limits });
  await seedDualDatabase(t, MIGRATION_USERS);
  return await runMeasuredMigration(t);
}
