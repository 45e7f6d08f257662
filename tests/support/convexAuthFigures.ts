/**
 * The Convex Auth migration at scale: a deployment as Convex Auth leaves it
 * (`users` rows in its shape, `authAccounts` with passwords and GitHub
 * accounts), migrated by the same driver as `migrations/fromConvexAuth:run`,
 * each batch measured with Convex's transaction metrics. Shared by
 * tests/migrations.convexAuth.scale.test.ts (which fails over budget) and
 * `npm run bench` (which prints the worst batch).
 */
import { defineSchema } from "convex/server";
import { internal } from "../../convex/_generated/api";
import {
  convexAuthTables,
  convexAuthUsersTable,
} from "../../convex/migrations/convexAuthSchema";
import {
  driveConvexAuthMigration,
  type ConvexAuthReport,
} from "../../convex/migrations/convexAuthReport";
import { CONVEX_AUTH_BATCH } from "../../convex/migrations/fromConvexAuth";
import schema from "../../convex/schema";
import type { TransactionLimits } from "./backend";
import {
  makeSchemaBackend,
  measured,
  seedInChunks,
  worstOf,
} from "./migrationFigures";
import type { Usage } from "./readFigures";

export const CONVEX_AUTH_USERS = 5_000;

/** convex/schema.ts as step 1 of docs/migrating-from-convex-auth.md edits it. */
export const convexAuthTransitionalSchema = defineSchema({
  ...schema.tables,
  users: convexAuthUsersTable,
  ...convexAuthTables,
});

export function makeConvexAuthBackend(
  options: { transactionLimits?: TransactionLimits } = {},
) {
  return makeSchemaBackend(convexAuthTransitionalSchema, options);
}

export type ConvexAuthBackend = ReturnType<typeof makeConvexAuthBackend>;

/** A hash in lucia's Scrypt format (its value is never verified here). */
const HASH = `${"ab".repeat(16)}:${"cd".repeat(64)}`;

/**
 * `count` users as Convex Auth stores them: a quarter each with a verified
 * password, an unverified password, GitHub, and both; every user has a note.
 */
export async function seedConvexAuth(
  t: ConvexAuthBackend,
  count: number,
): Promise<void> {
  await seedInChunks(t, count, async (ctx, i) => {
    const email = `old${i}@example.com`;
    const kind = i % 4;
    // Convex Auth's shape, which the starter's types don't describe.
    const userId = await ctx.db.insert("users", {
      email,
      name: `User ${i}`,
      ...(kind === 1 ? {} : { emailVerificationTime: 1_700_000_000_000 }),
    } as never);
    if (kind !== 2) {
      await ctx.db.insert("authAccounts", {
        userId,
        provider: "password",
        providerAccountId: email,
        secret: HASH,
        ...(kind === 1 ? {} : { emailVerified: email }),
      });
    }
    if (kind >= 2) {
      await ctx.db.insert("authAccounts", {
        userId,
        provider: "github",
        providerAccountId: String(100_000 + i),
      });
    }
    await ctx.db.insert("notes", { userId, text: `note ${i}` });
  });
}

/** The migration over a seeded backend, as the `run` action drives it; every batch measured. */
export async function runMeasuredConvexAuthMigration(
  t: ConvexAuthBackend,
  dryRun = false,
): Promise<{
  report: ConvexAuthReport;
  worst: Usage;
  worstMove: Usage;
  batches: number;
}> {
  const scans: Usage[] = [];
  const moves: Usage[] = [];
  const fn = internal.migrations.fromConvexAuth;
  const report = await driveConvexAuthMigration(
    {
      unmovedEmails: (args) =>
        measured(t, (ctx) => ctx.runQuery(fn.unmovedEmails, args), scans),
      moveUsers: (args) =>
        measured(t, (ctx) => ctx.runMutation(fn.moveUsers, args), moves),
    },
    {
      dryRun,
      passwordHashing: "scrypt",
      batchSize: CONVEX_AUTH_BATCH,
      from: null,
      log: () => {},
    },
  );
  return {
    report,
    batches: scans.length + moves.length,
    worst: worstOf([...scans, ...moves]),
    worstMove: worstOf(moves),
  };
}

/** The figure `npm run bench` prints: the worst batch of a CONVEX_AUTH_USERS migration. */
export async function convexAuthMigrationFigures(
  limits: TransactionLimits,
): Promise<{ worst: Usage; batches: number; report: ConvexAuthReport }> {
  const t = makeConvexAuthBackend({ transactionLimits: limits });
  await seedConvexAuth(t, CONVEX_AUTH_USERS);
  return await runMeasuredConvexAuthMigration(t);
}
