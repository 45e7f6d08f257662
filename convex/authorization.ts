/**
 * The one place where callers are identified and authorized.
 *
 * Public functions are built with these builders instead of the raw
 * `query`/`mutation`, so the check can't be forgotten:
 *
 * ```ts
 * export const list = userQuery({ args: {}, handler: (ctx) => ctx.user … });
 * export const purge = adminMutation({ args: {}, handler: … });
 * ```
 */
import {
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import type { Doc } from "./_generated/dataModel";
import { components } from "./_generated/api";
import { mutation, query, type QueryCtx } from "./_generated/server";
import { findAuthUser } from "./authData";
import { appError } from "./errors";
import { appUserByAuthId } from "./model/users";

/** A signed-in caller: their app row, and the admin viewing as them, if any. */
export type Caller = {
  user: Doc<"users">;
  /** Set while an admin views the app as this user (convex/impersonation.ts). */
  impersonation: { admin: Doc<"users">; endsAt: number } | null;
};

type SessionRow = {
  userId: string;
  expiresAt: number;
  impersonatedBy?: string | null;
};

/**
 * Who is calling, or null. Checks the Better Auth session behind the JWT, so
 * a signed-out, revoked or disabled user stops working at once, not when the
 * JWT expires. A view as another user holds only while the admin behind it
 * is still an active admin.
 */
export async function getCaller(ctx: QueryCtx): Promise<Caller | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity || typeof identity.sessionId !== "string") return null;
  const session = (await ctx.runQuery(components.betterAuth.adapter.findOne, {
    model: "session",
    where: [
      { field: "_id", value: identity.sessionId },
      { field: "expiresAt", operator: "gt", value: Date.now() },
    ],
  })) as SessionRow | null;
  if (!session || session.userId !== identity.subject) return null;
  if (!(await findAuthUser(ctx, session.userId))) return null;
  const user = await appUserByAuthId(ctx, session.userId);
  if (!user || user.disabled) return null;
  if (!session.impersonatedBy) return { user, impersonation: null };
  const admin = await appUserByAuthId(ctx, session.impersonatedBy);
  if (!admin || admin.role !== "admin" || admin.disabled) return null;
  return { user, impersonation: { admin, endsAt: session.expiresAt } };
}

/** The signed-in caller's app row, or null (see getCaller). */
export async function getCurrentUser(
  ctx: QueryCtx,
): Promise<Doc<"users"> | null> {
  return (await getCaller(ctx))?.user ?? null;
}

async function requireCaller(ctx: QueryCtx): Promise<Caller> {
  const caller = await getCaller(ctx);
  if (!caller) throw appError("UNAUTHENTICATED");
  return caller;
}

/**
 * Admin functions need the admin's own session: a view as another user
 * never has them, even if that user is made an admin meanwhile.
 */
async function requireAdmin(ctx: QueryCtx): Promise<Doc<"users">> {
  const { user, impersonation } = await requireCaller(ctx);
  if (user.role !== "admin" || impersonation) throw appError("FORBIDDEN");
  return user;
}

/**
 * A query for signed-in users; `ctx.user` is their app row and
 * `ctx.impersonation` is set while an admin views the app as them.
 */
export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => await requireCaller(ctx)),
);

/**
 * A mutation for signed-in users, with the same `ctx.user` and
 * `ctx.impersonation`. To keep a change for the user alone, refuse it when
 * `ctx.impersonation` is set.
 */
export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => await requireCaller(ctx)),
);

/** A query for admins only; `ctx.user` is the admin's app row. */
export const adminQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ user: await requireAdmin(ctx) })),
);

/** A mutation for admins only; `ctx.user` is the admin's app row. */
export const adminMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ user: await requireAdmin(ctx) })),
);
