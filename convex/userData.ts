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
import type { Doc, Id } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";

/** Notes deleted per transaction: a few hundred reads and writes. */
export const NOTES_PER_BATCH = 500;
/** Auth rows (sessions, accounts, 2FA, passkeys) deleted per transaction. */
export const AUTH_ROWS_PER_BATCH = 200;

const ownedAuthModel = v.union(
  v.literal("session"),
  v.literal("account"),
  v.literal("twoFactor"),
  v.literal("passkey"),
);
export type OwnedAuthModel = typeof ownedAuthModel.type;

/** Deletes an app row now; its notes follow in scheduled batches. */
export async function deleteAppRowAndData(
  ctx: MutationCtx,
  row: Doc<"users">,
): Promise<void> {
  await ctx.db.delete("users", row._id);
  await ctx.scheduler.runAfter(0, internal.userData.removeNotes, {
    userId: row._id,
  });
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

/** One batch of a deleted app row's notes; reschedules until none are left. */
export const removeNotes = internalMutation({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }): Promise<number> => {
    // Only ever for a deleted row: a live user's notes are theirs to keep.
    if (await ctx.db.get("users", userId)) return 0;
    const notes = await notesOf(ctx, userId);
    for (const note of notes) await ctx.db.delete("notes", note._id);
    if (notes.length === NOTES_PER_BATCH) {
      await ctx.scheduler.runAfter(0, internal.userData.removeNotes, {
        userId,
      });
    }
    return notes.length;
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

async function notesOf(ctx: MutationCtx, userId: Id<"users">) {
  return await ctx.db
    .query("notes")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(NOTES_PER_BATCH);
}
