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
import { ConvexError } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { mutation, query, type QueryCtx } from "./_generated/server";
import { authComponent } from "./auth";
import { appUserByAuthId } from "./userSync";

export const UNAUTHENTICATED = {
  code: "UNAUTHENTICATED",
  message: "You need to sign in first.",
} as const;

export const FORBIDDEN = {
  code: "FORBIDDEN",
  message: "Only admins can do that.",
} as const;

/**
 * The signed-in caller's app row, or null. Checks the Better Auth session
 * behind the JWT, so a signed-out, revoked or disabled user stops working at
 * once, not when the JWT expires.
 */
export async function getCurrentUser(
  ctx: QueryCtx,
): Promise<Doc<"users"> | null> {
  const authUser = await authComponent.safeGetAuthUser(ctx);
  if (!authUser) return null;
  const row = await appUserByAuthId(ctx, authUser._id);
  return row && !row.disabled ? row : null;
}

async function requireUser(ctx: QueryCtx): Promise<Doc<"users">> {
  const user = await getCurrentUser(ctx);
  if (!user) throw new ConvexError(UNAUTHENTICATED);
  return user;
}

async function requireAdmin(ctx: QueryCtx): Promise<Doc<"users">> {
  const user = await requireUser(ctx);
  if (user.role !== "admin") throw new ConvexError(FORBIDDEN);
  return user;
}

/** A query for signed-in users; `ctx.user` is their app row. */
export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ user: await requireUser(ctx) })),
);

/** A mutation for signed-in users; `ctx.user` is their app row. */
export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ user: await requireUser(ctx) })),
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
