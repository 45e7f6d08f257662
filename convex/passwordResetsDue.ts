/**
 * "Reset on next sign-in" for users moved from another sign-in system
 * whose password hash Better Auth can't verify (a custom `crypto`, lucia
 * 2's hashes: convex/migrations/convexAuthAccounts.ts). The migration
 * moves them without a password and records them here; the first time
 * someone tries a password for their address, the answer is the usual
 * wrong-password one (so it tells a stranger nothing), and the address is
 * mailed a link to set a password: the person who knows they have an
 * account is the one who tries. Once only: later attempts are ordinary
 * wrong passwords, and "Forgot password?" works as for anyone.
 */
import { v } from "convex/values";
import { components, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  internalAction,
  internalMutation,
  type MutationCtx,
} from "./_generated/server";
import { createAuth } from "./auth";
import { siteUrl } from "./env";
import { normalizeEmail } from "./validation";

/** Records a moved user who must set a password (the migration's call). */
export async function markPasswordResetDue(
  ctx: MutationCtx,
  userId: Id<"users">,
  email: string,
): Promise<void> {
  await ctx.db.insert("passwordResetsDue", {
    userId,
    email: normalizeEmail(email),
  });
}

/**
 * After a failed password sign-in (convex/authHooks.ts): takes the
 * address's due reset, if any, and schedules its email. Always one indexed
 * read, so a failed sign-in costs the same whether or not one was due; the
 * email goes out after the answer.
 */
export const claim = internalMutation({
  args: { email: v.string() },
  handler: async (ctx, { email }) => {
    const due = await ctx.db
      .query("passwordResetsDue")
      .withIndex("by_email", (q) => q.eq("email", normalizeEmail(email)))
      .first();
    if (!due) return;
    await ctx.db.delete("passwordResetsDue", due._id);
    const row = await ctx.db.get("users", due.userId);
    if (!row || row.email !== due.email) return;
    // Set one meanwhile ("Forgot password?"): nothing is due any more.
    const credential = await ctx.runQuery(
      components.betterAuth.adapter.findOne,
      {
        model: "account",
        where: [
          { field: "userId", value: row.authId },
          { field: "providerId", value: "credential", connector: "AND" },
        ],
        select: ["_id"],
      },
    );
    if (credential) return;
    await ctx.scheduler.runAfter(0, internal.passwordResetsDue.send, {
      email: due.email,
    });
  },
});

/** Better Auth's own reset email, as "Forgot password?" sends it. */
export const send = internalAction({
  args: { email: v.string() },
  handler: async (ctx, { email }) => {
    await createAuth(ctx).api.requestPasswordReset({
      body: { email, redirectTo: `${siteUrl()}/reset-password` },
    });
  },
});
