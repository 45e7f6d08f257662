/**
 * The one place where callers are identified and authorized.
 *
 * Public functions are built with these builders instead of the raw
 * `query`/`mutation`, so the check can't be forgotten:
 *
 * ```ts
 * export const list = userQuery({ args: {}, handler: (ctx) => ctx.user … });
 * export const purge = adminMutation({ args: {}, handler: … });
 * export const add = orgMutation({
 *   args: {}, permission: { project: "create" }, handler: (ctx) => ctx.org …
 * });
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
import {
  membership,
  organizationById,
  type MemberRow,
  type OrganizationRow,
} from "./model/organizations";
import { permissionsOf, roleCan, type OrgPermission } from "./orgAccess";

/** A signed-in caller: their app row, and the admin viewing as them, if any. */
export type Caller = {
  user: Doc<"users">;
  /** Set while an admin views the app as this user (convex/impersonation.ts). */
  impersonation: { admin: Doc<"users">; endsAt: number } | null;
  /** The Better Auth session behind the caller's JWT. */
  session: { id: string; activeOrganizationId: string | null };
};

type SessionRow = {
  _id: string;
  userId: string;
  expiresAt: number;
  impersonatedBy?: string | null;
  activeOrganizationId?: string | null;
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
  const sessionInfo = {
    id: session._id,
    activeOrganizationId: session.activeOrganizationId ?? null,
  };
  if (!session.impersonatedBy) {
    return { user, impersonation: null, session: sessionInfo };
  }
  const admin = await appUserByAuthId(ctx, session.impersonatedBy);
  if (!admin || admin.role !== "admin" || admin.disabled) return null;
  return {
    user,
    impersonation: { admin, endsAt: session.expiresAt },
    session: sessionInfo,
  };
}

/** The signed-in caller's app row, or null (see getCaller). */
export async function getCurrentUser(
  ctx: QueryCtx,
): Promise<Doc<"users"> | null> {
  return (await getCaller(ctx))?.user ?? null;
}

export async function requireCaller(ctx: QueryCtx): Promise<Caller> {
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

/** A member of the caller's active organization, as orgQuery/orgMutation see them. */
export type OrgCaller = Caller & {
  org: OrganizationRow;
  member: MemberRow & { permissions: Record<string, string[]> };
};

/**
 * The caller's active organization (the one their session names) and their
 * membership of it, or null: signed out, no active organization, or not a
 * member (any more). Two indexed reads on top of getCaller's: the
 * membership, then the organization. Read on every call, so a removed
 * member loses access at their next query, whatever their JWT says.
 */
export async function getOrgCaller(ctx: QueryCtx): Promise<OrgCaller | null> {
  return await orgCallerOf(ctx, await getCaller(ctx));
}

async function orgCallerOf(
  ctx: QueryCtx,
  caller: Caller | null,
): Promise<OrgCaller | null> {
  const organizationId = caller?.session.activeOrganizationId;
  if (!caller || !organizationId) return null;
  const member = await membership(ctx, organizationId, caller.user.authId);
  if (!member) return null;
  const org = await organizationById(ctx, organizationId);
  if (!org) return null;
  return {
    ...caller,
    org,
    member: { ...member, permissions: permissionsOf(member.role) },
  };
}

/** What orgQuery and orgMutation take besides `args` and `handler`. */
export type OrgOptions = {
  /** Refuse callers whose role lacks it (FORBIDDEN). */
  permission?: OrgPermission;
};

async function requireOrgCaller(
  ctx: QueryCtx,
  { permission }: OrgOptions,
): Promise<OrgCaller> {
  const caller = await requireCaller(ctx);
  const org = await orgCallerOf(ctx, caller);
  if (!org) {
    throw appError(
      caller.session.activeOrganizationId
        ? "NOT_A_MEMBER"
        : "NO_ACTIVE_ORGANIZATION",
    );
  }
  if (permission && !roleCan(org.member.role, permission)) {
    throw appError("ORG_FORBIDDEN");
  }
  return org;
}

/** Organization changes are the user's own: an admin's view can't make them. */
export function refuseDuringView(caller: Caller): void {
  if (caller.impersonation) throw appError("IMPERSONATING");
}

/**
 * A query for members of the caller's active organization: `ctx.org` is
 * the organization, `ctx.member` the caller's membership (role,
 * permissions). Scope every read to `ctx.org._id`; `permission` refuses
 * callers without it.
 */
export const orgQuery = customQuery(query, {
  args: {},
  input: async (ctx, _args, options: OrgOptions) => ({
    ctx: await requireOrgCaller(ctx, options),
    args: {},
  }),
});

/**
 * A mutation for members of the caller's active organization, with the same
 * `ctx.org`, `ctx.member` and `permission`. Refused during an admin's view.
 */
export const orgMutation = customMutation(mutation, {
  args: {},
  input: async (ctx, _args, options: OrgOptions) => {
    const org = await requireOrgCaller(ctx, options);
    refuseDuringView(org);
    return { ctx: org, args: {} };
  },
});
