/**
 * Moves a Convex Auth app (`@convex-dev/auth` 0.0.x) onto this starter:
 * every user becomes a Better Auth user whose app `users` row is the same
 * document, so everything that references it stays valid; passwords keep
 * their hashes, OAuth accounts their provider account ids, addresses their
 * verification. Sessions don't move: everyone signs in once. Steps and
 * reasons: docs/migrating-from-convex-auth.md.
 *
 * Operators only (internal functions, reached with the deployment's key):
 *
 *   npx convex run migrations/fromConvexAuth:run '{"dryRun": true}'
 *   npx convex run migrations/fromConvexAuth:run
 *   npx convex run migrations/fromConvexAuth:run '{"passwordHashing": "legacyScrypt"}'
 *   npx convex run migrations/fromConvexAuth:removeUser '{"userId": "…"}'
 *   npx convex run migrations/fromConvexAuth:clearConvexAuthTables
 *
 * Idempotent: a moved user is skipped, so a run can be repeated or resumed
 * (`{"from": …}`, printed after every batch) at any point.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import {
  internalAction,
  internalMutation,
  internalQuery,
  type MutationCtx,
} from "../_generated/server";
import { appError } from "../errors";
import { deleteAppRowAndData } from "../userData";
import { PASSWORD_HASHINGS, type PasswordHashing } from "./convexAuthAccounts";
import { convexAuthDb, moveConvexAuthUser } from "./convexAuthMove";
import {
  countOutcome,
  driveConvexAuthMigration,
  emptyMoveBatch,
  findDuplicateEmails,
  type ConvexAuthReport,
} from "./convexAuthReport";
import { readConvexAuthRow, unmovedEmail } from "./convexAuthRows";
import { CONVEX_AUTH_TABLES } from "./convexAuthSchema";
import { isMovedRow } from "./movedRows";

/**
 * Users per transaction: each costs about seven reads, three or four writes
 * and five component calls. Documents stay far inside Convex's limits
 * (32,000 reads, 16,000 writes) at any size; the component calls are what
 * count against the second a mutation may run, hence a small batch.
 * `npm run bench` prints the worst one.
 */
export const CONVEX_AUTH_BATCH = 25;

/** Rows of an old table deleted per transaction by clearConvexAuthTables. */
export const CLEAR_BATCH = 1000;

const passwordHashingValidator = v.union(
  ...PASSWORD_HASHINGS.map((hashing) => v.literal(hashing)),
);

/** The first pass: a page of users, with the emails of those not yet moved. */
export const unmovedEmails = internalQuery({
  args: { cursor: v.union(v.string(), v.null()), numItems: v.number() },
  handler: async (ctx, { cursor, numItems }) => {
    const page = await ctx.db.query("users").paginate({ numItems, cursor });
    return {
      continueCursor: page.continueCursor,
      isDone: page.isDone,
      page: page.page
        .filter((row) => !isMovedRow(row))
        .map((row) => ({ userId: row._id, email: unmovedEmail(row) })),
    };
  },
});

/** A page of users, each moved (or reported) whole, in this transaction. */
export const moveUsers = internalMutation({
  args: {
    cursor: v.union(v.string(), v.null()),
    numItems: v.number(),
    dryRun: v.boolean(),
    passwordHashing: passwordHashingValidator,
    duplicates: v.array(
      v.object({ email: v.string(), userIds: v.array(v.id("users")) }),
    ),
  },
  handler: async (ctx, { cursor, numItems, ...options }) => {
    const page = await ctx.db.query("users").paginate({ numItems, cursor });
    const batch = emptyMoveBatch();
    for (const row of page.page) {
      const outcome = await moveConvexAuthUser(ctx, row, options);
      countOutcome(batch, row._id, unmovedEmail(row), outcome);
    }
    return { continueCursor: page.continueCursor, isDone: page.isDone, batch };
  },
});

/** Refuses, with the fix, when Convex Auth's tables aren't in the schema. */
export const checkSchema = internalQuery({
  args: {},
  handler: async (ctx) => {
    try {
      await convexAuthDb(ctx)
        .query("authAccounts")
        .withIndex("userIdAndProvider")
        .first();
    } catch {
      throw appError(
        "INVALID_INPUT",
        "Convex Auth's tables aren't in the schema: during the migration convex/schema.ts has `users: convexAuthUsersTable` and `...convexAuthTables` (convex/migrations/convexAuthSchema.ts). See docs/migrating-from-convex-auth.md, step 1.",
      );
    }
    return null;
  },
});

/**
 * The whole migration; returns (and logs) the report. `dryRun` decides
 * everything and writes nothing.
 */
export const run = internalAction({
  args: {
    dryRun: v.optional(v.boolean()),
    passwordHashing: v.optional(passwordHashingValidator),
    batchSize: v.optional(v.number()),
    from: v.optional(v.union(v.string(), v.null())),
  },
  handler: async (ctx, args): Promise<ConvexAuthReport> => {
    const batchSize = args.batchSize ?? CONVEX_AUTH_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 200) {
      throw appError(
        "INVALID_INPUT",
        "batchSize is a whole number from 1 to 200.",
      );
    }
    await ctx.runQuery(internal.migrations.fromConvexAuth.checkSchema, {});
    const passwordHashing: PasswordHashing = args.passwordHashing ?? "scrypt";
    return await driveConvexAuthMigration(
      {
        unmovedEmails: (page) =>
          ctx.runQuery(internal.migrations.fromConvexAuth.unmovedEmails, page),
        moveUsers: (batch) =>
          ctx.runMutation(internal.migrations.fromConvexAuth.moveUsers, batch),
      },
      {
        dryRun: args.dryRun ?? false,
        passwordHashing,
        batchSize,
        from: args.from ?? null,
        log: (line) => console.log(line),
      },
    );
  },
});

async function unmovedRow(
  ctx: MutationCtx,
  userId: Doc<"users">["_id"],
): Promise<Doc<"users">> {
  const row = await ctx.db.get("users", userId);
  if (!row) throw appError("NOT_FOUND", `No users row ${userId}.`);
  if (readConvexAuthRow(row).kind === "moved") {
    throw appError(
      "INVALID_INPUT",
      `${userId} has moved: delete the user in the admin console instead.`,
    );
  }
  return row;
}

/**
 * An operator's decision for a reported user: remove its row, what it owns
 * (convex/userData.ts) and its Convex Auth accounts. Moved users are
 * refused: they go through the admin console.
 */
export const removeUser = internalMutation({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    const row = await unmovedRow(ctx, userId);
    const db = convexAuthDb(ctx);
    const accounts = await db
      .query("authAccounts")
      .withIndex("userIdAndProvider", (q) => q.eq("userId", userId))
      .collect();
    for (const account of accounts) {
      await db.delete(account._id);
    }
    await deleteAppRowAndData(ctx, row);
    return { removed: userId, accounts: accounts.length };
  },
});

/** Deletes up to CLEAR_BATCH rows of one of Convex Auth's tables; how many. */
export const clearBatch = internalMutation({
  args: { table: v.union(...CONVEX_AUTH_TABLES.map((t) => v.literal(t))) },
  handler: async (ctx, { table }) => {
    const db = convexAuthDb(ctx);
    const rows = await db.query(table).take(CLEAR_BATCH);
    for (const row of rows) await db.delete(row._id);
    return rows.length;
  },
});

/**
 * The last step: empties Convex Auth's tables (sessions, accounts, codes,
 * …), a batch per transaction. Refused while a user hasn't moved: its
 * accounts are what would move it.
 */
export const clearConvexAuthTables = internalAction({
  args: {},
  handler: async (ctx): Promise<Record<string, number>> => {
    const { unmoved } = await findDuplicateEmails({
      unmovedEmails: (page) =>
        ctx.runQuery(internal.migrations.fromConvexAuth.unmovedEmails, page),
    });
    if (unmoved > 0) {
      throw appError(
        "INVALID_INPUT",
        `${unmoved} users haven't moved: run migrations/fromConvexAuth:run until it reports complete first.`,
      );
    }
    const cleared: Record<string, number> = {};
    for (const table of CONVEX_AUTH_TABLES) {
      cleared[table] = 0;
      for (;;) {
        const deleted = await ctx.runMutation(
          internal.migrations.fromConvexAuth.clearBatch,
          { table },
        );
        cleared[table] += deleted;
        if (deleted < CLEAR_BATCH) break;
      }
    }
    console.log(`[fromConvexAuth] cleared ${JSON.stringify(cleared)}`);
    return cleared;
  },
});
