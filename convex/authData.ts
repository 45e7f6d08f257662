/**
 * Direct access to the Better Auth component's rows for the few things Better
 * Auth's HTTP API can't do from inside a Convex function (admin actions,
 * cascades, the drift doctor). Everything else goes through Better Auth
 * itself. Every read of auth users is here, and selects AUTH_USER_FIELDS.
 */
import {
  createFunctionHandle,
  type PaginationOptions,
  type PaginationResult,
} from "convex/server";
import type { Infer } from "convex/values";
import { components, internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import type { ActionCtx, MutationCtx, QueryCtx } from "./_generated/server";
import type authSchema from "./betterAuth/schema";
import { deleteOwnedAuthRows } from "./userData";

/** A stored Better Auth user, as the component's schema declares it. */
type StoredAuthUser = Infer<typeof authSchema.tables.user.validator> & {
  _id: string;
};

/**
 * The fields of a Better Auth user that the app reads: what the app `users`
 * row mirrors (convex/userSync.ts), the role's source (`role`) and the admin
 * console's summary (`twoFactorEnabled`). The one list: `AuthUser` and every
 * `select` of auth users derive from it, so a field read anywhere but
 * missing here is a type error, not a value silently left out (the drift
 * doctor once rebuilt admins as plain users that way).
 */
export const AUTH_USER_FIELDS = [
  "_id",
  "email",
  "name",
  "emailVerified",
  "image",
  "role",
  "twoFactorEnabled",
  "locale",
  "createdAt",
] as const satisfies readonly (keyof StoredAuthUser)[];

export type AuthUserField = (typeof AUTH_USER_FIELDS)[number];

/** A Better Auth user as the app reads it: the AUTH_USER_FIELDS. */
export type AuthUser = Pick<StoredAuthUser, AuthUserField>;

/** Any function's ctx: queries, mutations and actions all read auth users. */
type RunQueryCtx = { runQuery: ActionCtx["runQuery"] };

async function findAuthUserWhere(
  ctx: RunQueryCtx,
  field: "_id" | "email",
  value: string,
): Promise<AuthUser | null> {
  return (await ctx.runQuery(components.betterAuth.adapter.findOne, {
    model: "user",
    where: [{ field, value }],
    select: [...AUTH_USER_FIELDS],
  })) as AuthUser | null;
}

/** The Better Auth user with this id, or null. */
export async function findAuthUser(
  ctx: RunQueryCtx,
  authId: string,
): Promise<AuthUser | null> {
  return await findAuthUserWhere(ctx, "_id", authId);
}

/** The Better Auth user with this (normalized) email, or null. */
export async function findAuthUserByEmail(
  ctx: RunQueryCtx,
  email: string,
): Promise<AuthUser | null> {
  return await findAuthUserWhere(ctx, "email", email);
}

/** One page of Better Auth users, in the component's creation order. */
export async function listAuthUsers(
  ctx: RunQueryCtx,
  paginationOpts: PaginationOptions,
): Promise<PaginationResult<AuthUser>> {
  return (await ctx.runQuery(components.betterAuth.adapter.findMany, {
    model: "user",
    select: [...AUTH_USER_FIELDS],
    paginationOpts,
  })) as PaginationResult<AuthUser>;
}

/**
 * Whether each auth id has a Better Auth user: true, false, or null when the
 * lookup failed (so a caller can refuse to act on it).
 */
export async function authUsersExist(
  ctx: RunQueryCtx,
  authIds: string[],
): Promise<Map<string, boolean | null>> {
  if (authIds.length === 0) return new Map();
  try {
    // One component call for the whole batch (point reads by id).
    const found = await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "user",
      where: [{ field: "_id", operator: "in", value: authIds }],
      select: ["_id"] satisfies AuthUserField[],
      paginationOpts: { numItems: authIds.length, cursor: null },
    });
    const live = new Set(
      (found.page as Pick<AuthUser, "_id">[]).map((user) => user._id),
    );
    return new Map(authIds.map((authId) => [authId, live.has(authId)]));
  } catch {
    // A single authId that is not a valid component id (imported data) fails
    // the whole batch: look the ids up one by one instead.
    const exists = new Map<string, boolean | null>();
    for (const authId of authIds) {
      try {
        exists.set(authId, (await findAuthUser(ctx, authId)) !== null);
      } catch {
        exists.set(authId, null);
      }
    }
    return exists;
  }
}

/**
 * Roles have one source of truth: the Better Auth user's `role` (the admin
 * plugin's field, which its impersonation checks read). Code reads it with
 * roleOf and changes it only through setAuthRole; the user onUpdate trigger
 * mirrors it into the app `users` row in the same transaction
 * (convex/userSync.ts), where queries read it through an index.
 */
export type Role = Doc<"users">["role"];

/**
 * The app's role for a Better Auth `role` value (the admin plugin allows a
 * comma-separated list, and writes its default, "user", on every new user).
 */
export function roleOf(authRole: string | null | undefined): Role {
  const roles = (authRole ?? "").split(",").map((role) => role.trim());
  return roles.includes("admin") ? "admin" : "user";
}

/**
 * Sets the role on the auth user, the role's one source,
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
    twoFactorEnabled: Boolean(user?.twoFactorEnabled),
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
