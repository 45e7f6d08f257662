/**
 * Direct access to the Better Auth component's rows for the few things Better
 * Auth's HTTP API can't do from inside a Convex function (admin actions,
 * cascades). Everything else goes through Better Auth itself.
 */
import { createFunctionHandle } from "convex/server";
import { components, internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { deleteOwnedAuthRows } from "./userData";

/** The fields of a Better Auth user that the app mirrors. */
export type AuthUser = {
  _id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  image?: string | null;
  /** The admin plugin's field: the role's one source (convex/roles.ts). */
  role?: string | null;
  createdAt: number;
};

/** The Better Auth user with this id, or null. */
export async function findAuthUser(
  ctx: Pick<QueryCtx, "runQuery">,
  authId: string,
): Promise<AuthUser | null> {
  return (await ctx.runQuery(components.betterAuth.adapter.findOne, {
    model: "user",
    where: [{ field: "_id", value: authId }],
  })) as AuthUser | null;
}

export type Role = Doc<"users">["role"];

/**
 * The app's role for a Better Auth `role` value (the plugin allows a
 * comma-separated list); undefined when it was never set, as on users from
 * before the admin plugin, until `roles:copyToAuthUsers` has run.
 */
export function roleOf(authRole: string | null | undefined): Role | undefined {
  if (authRole === null || authRole === undefined) return undefined;
  const roles = authRole.split(",").map((role) => role.trim());
  return roles.includes("admin") ? "admin" : "user";
}

/**
 * Sets the role on the auth user, the role's one source (convex/roles.ts),
 * which must exist (callers have read it); the onUpdate trigger updates the
 * app row in the same transaction.
 */
export async function setAuthRole(
  ctx: MutationCtx,
  authId: string,
  role: Role,
): Promise<void> {
  await ctx.runMutation(components.betterAuth.adapter.updateOne, {
    input: {
      model: "user",
      where: [{ field: "_id", value: authId }],
      update: { role, updatedAt: Date.now() },
    },
    onUpdateHandle: await createFunctionHandle(internal.auth.onUpdate),
  });
}

/**
 * Deletes one auth row by id with the app's onDelete trigger, as Better Auth
 * itself would: a user's trigger removes the app row, a session's logs the
 * end of an admin's view (convex/impersonation.ts).
 */
export async function deleteAuthRow(
  ctx: MutationCtx,
  model: "user" | "session",
  id: string,
): Promise<void> {
  await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
    input: { model, where: [{ field: "_id", value: id }] },
    onDeleteHandle: await createFunctionHandle(internal.auth.onDelete),
  });
}

/**
 * Signs the user out everywhere. The first batch of sessions goes at once and
 * the rest within moments (convex/userData.ts); a disabled or deleted user is
 * cut off at once anyway, by the checks in convex/authorization.ts.
 */
export async function revokeAllSessions(
  ctx: MutationCtx,
  authId: string,
): Promise<void> {
  await deleteOwnedAuthRows(ctx, "session", authId);
}

/**
 * Deletes the auth user; in the same transaction the onDelete trigger removes
 * the app row and schedules the removal of the user's data (userSync.ts).
 */
export async function deleteAuthUser(
  ctx: MutationCtx,
  authId: string,
): Promise<void> {
  await deleteAuthRow(ctx, "user", authId);
}

export type AuthSessionSummary = {
  id: string;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  userAgent: string | null;
  ipAddress: string | null;
  /** An admin's view as this user (convex/impersonation.ts). */
  adminView: boolean;
};

/** What an admin may see about a user's sign-in setup (never tokens or hashes). */
export async function authSummary(ctx: QueryCtx, authId: string) {
  const [user, accounts, sessions] = await Promise.all([
    findAuthUser(ctx, authId),
    ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "account",
      where: [{ field: "userId", value: authId }],
      paginationOpts: { numItems: 50, cursor: null },
    }),
    ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "session",
      where: [
        { field: "userId", value: authId },
        { field: "expiresAt", operator: "gt", value: Date.now() },
      ],
      paginationOpts: { numItems: 100, cursor: null },
    }),
  ]);
  return {
    exists: user !== null,
    twoFactorEnabled: Boolean(
      (user as { twoFactorEnabled?: boolean | null } | null)?.twoFactorEnabled,
    ),
    signInMethods: (accounts.page as { providerId: string }[]).map(
      (account) => account.providerId,
    ),
    sessions: (
      sessions.page as (Omit<AuthSessionSummary, "adminView"> & {
        _id: string;
        impersonatedBy?: string | null;
      })[]
    ).map((session) => ({
      id: session._id,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      expiresAt: session.expiresAt,
      userAgent: session.userAgent ?? null,
      ipAddress: session.ipAddress ?? null,
      adminView: Boolean(session.impersonatedBy),
    })),
  };
}
