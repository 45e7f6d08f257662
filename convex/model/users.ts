/**
 * The users repository: how the rest of the backend reads app `users` rows.
 * A plain helper module (no Convex functions), as Convex's best practices
 * lay out (`convex/model/`), so the function modules that need it, including
 * convex/authorization.ts, import it without importing each other.
 */
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/** The app row of a Better Auth user, or null when it has none. */
export async function appUserByAuthId(
  ctx: { db: QueryCtx["db"] },
  authId: string,
): Promise<Doc<"users"> | null> {
  return await ctx.db
    .query("users")
    .withIndex("by_authId", (q) => q.eq("authId", authId))
    .unique();
}
