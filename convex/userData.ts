/**
 * Removing what a deleted user owned, in scheduled batches.
 *
 * A user can own any number of notes (and sessions), and one Convex
 * transaction may write at most 16,000 documents, so deleting everything at
 * once would make a big account impossible to delete. Instead the auth user
 * and the app row go in the deleting transaction (nothing the user owned is
 * reachable after that: notes are keyed on the app row's id, and ids are
 * never reused), and these mutations delete the rest a batch at a time, each
 * rescheduling itself until nothing is left.
 */
import { v } from "convex/values";
import { components, internal } from "./_generated/api";
import type { Doc, Id, TableNames } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";

/** Owned app rows deleted per transaction: a few hundred reads and writes. */
export const NOTES_PER_BATCH = 500;

/**
 * Every app table whose rows belong to a user: the field naming the owner
 * and the index on it. Deleting a user empties each of them, in batches.
 * A table with a `v.id("users")` field is either here or in
 * `KEPT_ON_DELETION` (tests/userData.declaration.test.ts fails otherwise),
 * so a new table can't be forgotten.
 */
export const USER_OWNED_TABLES = {
  notes: { field: "userId", index: "by_userId" },
  passwordResetsDue: { field: "userId", index: "by_userId" },
} as const;
export type UserOwnedTable = keyof typeof USER_OWNED_TABLES;

/** Tables that keep a deleted user's id on purpose, and why. */
export const KEPT_ON_DELETION: Partial<Record<TableNames, string>> = {
  auditLog:
    "The audit log outlives the accounts it names; it copies their emails.",
  doctorRuns: "A repair's report lists the rows it removed.",
  projects:
    "An organization's projects outlive the member who created them (convex/orgData.ts deletes them with the organization).",
};
/** Auth rows (sessions, accounts, 2FA, passkeys) deleted per transaction. */
export const AUTH_ROWS_PER_BATCH = 200;

/**
 * Every Better Auth table whose rows belong to a user (a `userId` field):
 * deleting the user removes them in batches. A component table with a
 * `userId` field is either here or in `KEPT_AUTH_MODELS`
 * (tests/userData.declaration.test.ts), so a plugin's new table can't be
 * forgotten.
 */
export const OWNED_AUTH_MODELS = [
  "session",
  "account",
  "twoFactor",
  "passkey",
] as const;
export type OwnedAuthModel = (typeof OWNED_AUTH_MODELS)[number];
const ownedAuthModel = v.union(
  ...OWNED_AUTH_MODELS.map((model) => v.literal(model)),
);

/** Better Auth tables with a `userId` field that deletion leaves, and why. */
export const KEPT_AUTH_MODELS: Record<string, string> = {
  member:
    "Removed in the deleting transaction instead, with each organization's member count (convex/organizations.ts: removeUserFromOrganizations); a user has at most 200.",
  user: "The auth user itself, which Better Auth deletes; its optional userId (the component's link to an app row) is unused here.",
};

/** Deletes an app row now; what it owned follows in scheduled batches. */
export async function deleteAppRowAndData(
  ctx: MutationCtx,
  row: Doc<"users">,
): Promise<void> {
  await ctx.db.delete("users", row._id);
  for (const table of Object.keys(USER_OWNED_TABLES) as UserOwnedTable[]) {
    await ctx.scheduler.runAfter(0, internal.userData.removeOwnedRows, {
      table,
      userId: row._id,
    });
  }
}

/**
 * Deletes one batch of a user's auth rows of `model` now and schedules the
 * rest, so no transaction grows with how many the user has.
 */
export async function deleteOwnedAuthRows(
  ctx: MutationCtx,
  model: OwnedAuthModel,
  authId: string,
): Promise<void> {
  // Each page deleted is gone, so the next batch starts from the top again.
  const result: { isDone: boolean } = await ctx.runMutation(
    components.betterAuth.adapter.deleteMany,
    {
      input: { model, where: [{ field: "userId", value: authId }] },
      paginationOpts: { numItems: AUTH_ROWS_PER_BATCH, cursor: null },
    },
  );
  if (!result.isDone) {
    await ctx.scheduler.runAfter(0, internal.userData.removeAuthRows, {
      model,
      authId,
    });
  }
}

/** One batch of a deleted app row's rows in `table`; reschedules until none are left. */
export const removeOwnedRows = internalMutation({
  args: {
    table: v.union(
      ...(Object.keys(USER_OWNED_TABLES) as UserOwnedTable[]).map((table) =>
        v.literal(table),
      ),
    ),
    userId: v.id("users"),
  },
  handler: async (ctx, { table, userId }): Promise<number> => {
    // Only ever for a deleted row: a live user's rows are theirs to keep.
    if (await ctx.db.get("users", userId)) return 0;
    const rows = await ownedBatch(ctx, table, userId);
    for (const row of rows) await ctx.db.delete(table, row._id);
    if (rows.length === NOTES_PER_BATCH) {
      await ctx.scheduler.runAfter(0, internal.userData.removeOwnedRows, {
        table,
        userId,
      });
    }
    return rows.length;
  },
});

/** One batch of a user's auth rows; reschedules until none are left. */
export const removeAuthRows = internalMutation({
  args: { model: ownedAuthModel, authId: v.string() },
  handler: async (ctx, { model, authId }): Promise<null> => {
    await deleteOwnedAuthRows(ctx, model, authId);
    return null;
  },
});

async function ownedBatch(
  ctx: MutationCtx,
  table: UserOwnedTable,
  userId: Id<"users">,
) {
  const { field, index } = USER_OWNED_TABLES[table];
  return await ctx.db
    .query(table)
    .withIndex(index, (q) => q.eq(field, userId))
    .take(NOTES_PER_BATCH);
}
