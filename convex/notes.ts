import { v } from "convex/values";
import { appError } from "./errors";
import { query } from "./_generated/server";
import { getCurrentUser, userMutation } from "./authorization";
import { MAX_NOTE_LENGTH } from "./validation";

const LIST_LIMIT = 100;

/**
 * The caller's newest notes (at most 100); none for a signed-out caller.
 * Not an error then: the page's subscription outlives every sign-out (the
 * server ends the session before the SPA can know to unsubscribe), and a
 * thrown UNAUTHENTICATED would be logged as a failure each time. Nothing is
 * read without a caller, so nothing leaks; changes (create, remove) still
 * refuse a signed-out caller.
 */
export const list = query({
  args: {},
  handler: async (ctx) => {
    const user = await getCurrentUser(ctx);
    if (!user) return [];
    return await ctx.db
      .query("notes")
      .withIndex("by_userId", (q) => q.eq("userId", user._id))
      .order("desc")
      .take(LIST_LIMIT);
  },
});

export const create = userMutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    const trimmed = text.trim();
    if (!trimmed) {
      throw appError("INVALID_NOTE");
    }
    if (trimmed.length > MAX_NOTE_LENGTH) {
      throw appError("INVALID_NOTE", {
        key: "note_too_long",
        params: { max: MAX_NOTE_LENGTH },
      });
    }
    return await ctx.db.insert("notes", {
      userId: ctx.user._id,
      text: trimmed,
    });
  },
});

export const remove = userMutation({
  args: { id: v.id("notes") },
  handler: async (ctx, { id }) => {
    const note = await ctx.db.get("notes", id);
    // Someone else's note looks the same as a missing one: no probing.
    if (!note || note.userId !== ctx.user._id) {
      throw appError("NOT_FOUND", { key: "note_not_found" });
    }
    await ctx.db.delete("notes", id);
  },
});
