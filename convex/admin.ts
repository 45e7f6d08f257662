/**
 * The admin console's functions. All are admin-only (adminQuery/
 * adminMutation), and every change is written to the audit log.
 *
 * Roles are written on the Better Auth user only (convex/authData.ts) and read
 * from the app row that mirrors it. Better Auth's admin plugin routes for
 * the same actions are switched off (convex/adminPlugin.ts): these guard
 * against lockouts and write the audit log.
 */
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { appError, type Detail, type ErrorCode } from "./errors";
import { components } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { audit } from "./audit";
import { adminMutation, adminQuery } from "./authorization";
import {
  authSummary,
  deleteAuthUser,
  findAuthUser,
  revokeAllSessions,
  setAuthRole,
} from "./authData";
import type { OrganizationRow } from "./model/organizations";
import { roleValidator } from "./schema";
import {
  organizationsOnUserDeletion,
  refuseOwnerDeletion,
} from "./organizations";
import { deleteAppRowAndData } from "./userData";
import { normalizeEmail } from "./validation";

function refuse(code: ErrorCode, detail: Detail): never {
  throw appError(code, detail);
}

async function targetUser(
  ctx: QueryCtx,
  userId: Id<"users">,
): Promise<Doc<"users">> {
  const user = await ctx.db.get("users", userId);
  if (!user) refuse("NOT_FOUND", { key: "user_not_found" });
  return user;
}

/** True when some enabled admin other than `userId` exists. */
async function anotherActiveAdmin(
  ctx: QueryCtx,
  userId: Id<"users">,
): Promise<boolean> {
  for await (const admin of ctx.db
    .query("users")
    .withIndex("by_role", (q) => q.eq("role", "admin"))) {
    if (admin._id !== userId && !admin.disabled) return true;
  }
  return false;
}

/** Refuses changes that would leave no admin, or lock the caller out. */
async function guardAdminAccess(
  ctx: QueryCtx,
  actor: Doc<"users">,
  target: Doc<"users">,
  change: "demote" | "disable" | "delete",
): Promise<void> {
  if (target._id === actor._id) {
    refuse("SELF_LOCKOUT", { key: `${change}_self` });
  }
  // The caller is itself an active admin, so this can't trip through the
  // public API today; it keeps the rule true for any future caller.
  if (target.role === "admin" && !(await anotherActiveAdmin(ctx, target._id))) {
    refuse("LAST_ADMIN", { key: `${change}_last_admin` });
  }
}

/**
 * App users a page at a time: newest first, or, with `search`, the users
 * whose email starts with it (in email order). Both read through an index.
 */
export const listUsers = adminQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    search: v.optional(v.string()),
  },
  handler: async (ctx, { paginationOpts, search }) => {
    const prefix = normalizeEmail(search ?? "");
    if (!prefix) {
      return await ctx.db.query("users").order("desc").paginate(paginationOpts);
    }
    return await ctx.db
      .query("users")
      .withIndex("by_email", (q) =>
        q.gte("email", prefix).lt("email", `${prefix}\uffff`),
      )
      .paginate(paginationOpts);
  },
});

/**
 * One user: the app row plus sign-in methods (passkeys among them), 2FA and
 * active sessions. Null for a user that doesn't exist, deleted a moment ago
 * or never (`/admin?user=…` from an old link, any string): the console says
 * so instead of failing. Admins only, like the rest.
 */
export const userDetail = adminQuery({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const id = ctx.db.normalizeId("users", userId);
    const user = id && (await ctx.db.get("users", id));
    if (!user) return null;
    const [auth, passkeys] = await Promise.all([
      authSummary(ctx, user.authId),
      ctx.runQuery(components.betterAuth.adapter.findMany, {
        model: "passkey",
        where: [{ field: "userId", value: user.authId }],
        paginationOpts: { numItems: 1, cursor: null },
      }),
    ]);
    if (passkeys.page.length > 0) auth.signInMethods.push("passkey");
    return { user, auth };
  },
});

export const setRole = adminMutation({
  args: { userId: v.id("users"), role: roleValidator },
  handler: async (ctx, { userId, role }) => {
    const target = await targetUser(ctx, userId);
    if (target.role === role) return;
    if (role === "user")
      await guardAdminAccess(ctx, ctx.user, target, "demote");
    if (!(await findAuthUser(ctx, target.authId))) {
      // An app row left without its auth user: `npx convex run doctor:run`.
      refuse("NOT_FOUND", { key: "user_without_account" });
    }
    // Written on the auth user, its one source; the trigger mirrors it here.
    await setAuthRole(ctx, target.authId, role);
    await audit(ctx, ctx.user, role === "admin" ? "promote" : "demote", target);
  },
});

/** Disabling revokes every session at once; the user can't sign in again. */
export const setDisabled = adminMutation({
  args: { userId: v.id("users"), disabled: v.boolean() },
  handler: async (ctx, { userId, disabled }) => {
    const target = await targetUser(ctx, userId);
    if ((target.disabled === true) === disabled) return;
    if (disabled) {
      await guardAdminAccess(ctx, ctx.user, target, "disable");
      await revokeAllSessions(ctx, target.authId);
    }
    await ctx.db.patch("users", userId, { disabled, updatedAt: Date.now() });
    await audit(ctx, ctx.user, disabled ? "disable" : "enable", target);
  },
});

export const revokeSessions = adminMutation({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    const target = await targetUser(ctx, userId);
    await revokeAllSessions(ctx, target.authId);
    await audit(ctx, ctx.user, "revoke-sessions", target);
  },
});

/**
 * The same cascade as self-deletion: auth user and app row at once, the
 * user's data in scheduled batches.
 */
export const deleteUser = adminMutation({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    const target = await targetUser(ctx, userId);
    await guardAdminAccess(ctx, ctx.user, target, "delete");
    refuseOwnerDeletion(
      (await organizationsOnUserDeletion(ctx, target.authId)).blocking,
    );
    await audit(ctx, ctx.user, "delete", target);
    await deleteAuthUser(ctx, target.authId);
    // An app row without an auth user (drift) has no trigger to remove it.
    const leftover = await ctx.db.get("users", userId);
    if (leftover) await deleteAppRowAndData(ctx, leftover);
  },
});

/**
 * Organizations a page at a time, newest first, with their member counts
 * (kept on the organization by the mutations that add and remove members,
 * so a page reads one row per organization).
 */
export const listOrganizations = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const result = await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "organization",
      sortBy: { field: "createdAt", direction: "desc" },
      // The component takes the page's size and cursor only.
      paginationOpts: {
        numItems: paginationOpts.numItems,
        cursor: paginationOpts.cursor,
      },
    });
    return {
      ...result,
      page: (result.page as OrganizationRow[]).map((org) => ({
        id: org._id,
        name: org.name,
        slug: org.slug,
        memberCount: org.memberCount,
        createdAt: org.createdAt,
      })),
    };
  },
});

/** The audit log, newest first. */
export const auditLog = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    return await ctx.db
      .query("auditLog")
      .order("desc")
      .paginate(paginationOpts);
  },
});
