/**
 * Roles have one source of truth: the Better Auth user's `role` (the admin
 * plugin's field, which its impersonation checks read). Code reads it with
 * roleOf and changes it only through setAuthRole (both in convex/authData.ts,
 * beside the component's other rows); the user onUpdate trigger mirrors it
 * into the app `users` row in the same transaction (convex/userSync.ts),
 * where queries read it through an index.
 */
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { findAuthUser, roleOf, setAuthRole } from "./authData";

const ADMINS_PER_BATCH = 100;

/**
 * One-off, after upgrading a deployment from before the admin plugin, where
 * the role lived on the app row only:
 *
 *   npx convex run roles:copyToAuthUsers
 *
 * Copies each app admin's role onto their auth user, a batch at a time
 * (scheduling the next), and returns how many it copied in the first batch.
 * Safe to run again: a role already there is left alone.
 */
export const copyToAuthUsers = internalMutation({
  args: { paginationOpts: v.optional(paginationOptsValidator) },
  handler: async (ctx, { paginationOpts }): Promise<{ copied: number }> => {
    const page = await ctx.db
      .query("users")
      .withIndex("by_role", (q) => q.eq("role", "admin"))
      .paginate(paginationOpts ?? { numItems: ADMINS_PER_BATCH, cursor: null });
    let copied = 0;
    for (const row of page.page) {
      const authUser = await findAuthUser(ctx, row.authId);
      if (!authUser || roleOf(authUser.role) === "admin") continue;
      await setAuthRole(ctx, row.authId, "admin");
      copied += 1;
    }
    if (!page.isDone) {
      await ctx.scheduler.runAfter(0, internal.roles.copyToAuthUsers, {
        paginationOpts: {
          numItems: ADMINS_PER_BATCH,
          cursor: page.continueCursor,
        },
      });
    }
    return { copied };
  },
});
