import { v } from "convex/values";
import { appError } from "./errors";
import { userMutation, userQuery } from "./authorization";
import { MAX_NOTE_LENGTH } from "./validation";

const LIST_LIMIT = 100;

/** The caller's newest notes (at most 100). */
export const list = userQuery({
  args: {},
  handler: async (ctx) => {
    return await ctx.db
      .query("notes")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.user._id))
      .order("desc")
      .take(LIST_LIMIT);
  },
});

export const create = userMutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    const trimmed = text.trim();
    if (!trimmed) {
      throw appError("INVALID_NOTE", "A note can't be empty.");
    }
    if (trimmed.length > MAX_NOTE_LENGTH) {
      throw appError(
        "INVALID_NOTE",
        `A note can be at most ${MAX_NOTE_LENGTH} characters.`,
      );
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
      throw appError("NOT_FOUND", "That note doesn't exist.");
    }
    await ctx.db.delete("notes", id);
  },
});
