/**
 * Organizations and their members. Each change is one mutation, so its rules
 * hold under concurrency: an organization always keeps an owner, a slug
 * names one organization, and the audit entry is written with the change.
 * Who may do what: the roles in convex/orgAccess.ts, checked by
 * orgQuery/orgMutation (convex/authorization.ts).
 *
 * Rules between roles, beyond the permission table: only an owner can make
 * someone an owner, or change or remove an owner; nobody changes their own
 * role (an owner hands ownership on with `transferOwnership`).
 */
import { v } from "convex/values";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { internalQuery, query } from "./_generated/server";
import { auditOrg } from "./audit";
import {
  getCaller,
  getOrgCaller,
  orgMutation,
  orgQuery,
  refuseDuringView,
  userMutation,
  type OrgCaller,
} from "./authorization";
import { components } from "./_generated/api";
import { appError, type Detail } from "./errors";
import {
  deleteRow,
  insertRow,
  setSessionOrganization,
  memberById,
  LIST_LIMIT,
  membership,
  membershipsOf,
  membersOf,
  organizationById,
  organizationBySlug,
  ownersOf,
  updateRow,
  type MemberRow,
  type OrganizationRow,
} from "./model/organizations";
import { appUserByAuthId } from "./model/users";
import { deleteOrganizationAndData } from "./orgData";
import { isOrgRole, type OrgRole } from "./orgAccess";
import { orgNameIssue, slugIssue } from "./validation";

/** The caller's active organization and their place in it, or null. */
export const active = query({
  args: {},
  handler: async (ctx) => {
    const caller = await getOrgCaller(ctx);
    if (!caller) return null;
    return {
      id: caller.org._id,
      name: caller.org.name,
      slug: caller.org.slug,
      memberCount: caller.org.memberCount,
      role: caller.member.role,
      permissions: caller.member.permissions,
    };
  },
});

/** The organizations the caller belongs to, for the switcher; [] signed out. */
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const caller = await getCaller(ctx);
    if (!caller) return [];
    const memberships = await membershipsOf(ctx, caller.user.authId);
    const orgs = [];
    for (const member of memberships) {
      // Gone while its members are still being removed (convex/orgData.ts).
      const org = await organizationById(ctx, member.organizationId);
      if (!org) continue;
      orgs.push({
        id: org._id,
        name: org.name,
        slug: org.slug,
        role: member.role,
        active: org._id === caller.session.activeOrganizationId,
      });
    }
    return orgs.sort((a, b) => a.name.localeCompare(b.name));
  },
});

/** Refuses a user already in LIST_LIMIT organizations (every list reads them all). */
export async function refuseTooManyMemberships(
  ctx: QueryCtx,
  authId: string,
): Promise<void> {
  if ((await membershipsOf(ctx, authId)).length >= LIST_LIMIT) {
    throw appError("INVALID_INPUT", {
      key: "too_many_organizations",
      params: { max: LIST_LIMIT },
    });
  }
}

/** Creates an organization with the caller as its owner, and switches to it. */
export const create = userMutation({
  args: { name: v.string(), slug: v.string() },
  handler: async (ctx, args) => {
    refuseDuringView(ctx);
    const name = args.name.trim();
    const slug = args.slug.trim();
    const problem = orgNameIssue(name) ?? slugIssue(slug);
    if (problem) throw appError("INVALID_ORGANIZATION", problem);
    // In the same transaction as the insert: two creators of one slug
    // conflict, and the second sees the first's row.
    if (await organizationBySlug(ctx, slug)) throw appError("SLUG_TAKEN");
    await refuseTooManyMemberships(ctx, ctx.user.authId);
    const now = Date.now();
    const org = await insertRow(ctx, "organization", {
      name,
      slug,
      createdAt: now,
      memberCount: 1,
    });
    await insertRow(ctx, "member", {
      organizationId: org._id,
      userId: ctx.user.authId,
      role: "owner",
      createdAt: now,
    });
    await setSessionOrganization(ctx, ctx.session.id, org._id);
    await auditOrg(ctx, ctx.user, "org-create", org, ctx.user);
    return org._id;
  },
});

/**
 * Makes one of the caller's organizations the active one (or none), on
 * their session: every tab of this browser follows, and so does a reload.
 * Allowed during an admin's view: it changes only the view's session.
 */
export const setActive = userMutation({
  args: { organizationId: v.union(v.string(), v.null()) },
  handler: async (ctx, { organizationId }) => {
    if (organizationId !== null) {
      const org = await organizationById(ctx, organizationId);
      const member = org && (await membership(ctx, org._id, ctx.user.authId));
      // Someone else's organization looks like a missing one.
      if (!org || !member)
        throw appError("NOT_FOUND", { key: "organization_not_found" });
    }
    await setSessionOrganization(ctx, ctx.session.id, organizationId);
  },
});

/** Renames the active organization (its slug stays: links use it). */
export const rename = orgMutation({
  args: { name: v.string() },
  permission: { organization: "update" },
  handler: async (ctx, args) => {
    const name = args.name.trim();
    const problem = orgNameIssue(name);
    if (problem) throw appError("INVALID_ORGANIZATION", problem);
    await updateRow(ctx, "organization", ctx.org._id, { name });
  },
});

/** The active organization's members, owners first, with names and emails. */
export const members = orgQuery({
  args: {},
  handler: async (ctx) => {
    const rows = await membersOf(ctx, ctx.org._id);
    const order: Record<string, number> = { owner: 0, admin: 1, member: 2 };
    const shown = [];
    for (const member of rows) {
      const user = await appUserByAuthId(ctx, member.userId);
      shown.push({
        id: member._id,
        role: member.role,
        joinedAt: member.createdAt,
        name: user?.name ?? "Deleted user",
        email: user?.email ?? "",
        isYou: member.userId === ctx.user.authId,
      });
    }
    return shown.sort(
      (a, b) =>
        (order[a.role] ?? 3) - (order[b.role] ?? 3) ||
        a.name.localeCompare(b.name),
    );
  },
});

/** A member of the caller's organization by id, or NOT_FOUND (also for another organization's). */
async function memberInOrg(
  ctx: QueryCtx & OrgCaller,
  memberId: string,
): Promise<MemberRow> {
  const member = await memberById(ctx, memberId);
  if (!member || member.organizationId !== ctx.org._id)
    throw appError("NOT_FOUND", { key: "member_not_found" });
  return member;
}

async function appUserOf(ctx: QueryCtx, member: MemberRow) {
  return (
    (await appUserByAuthId(ctx, member.userId)) ?? {
      email: "(deleted user)",
    }
  );
}

/** Refuses a change that would leave the organization without an owner. */
async function refuseLastOwner(
  ctx: QueryCtx,
  org: OrganizationRow,
  leaving: MemberRow,
): Promise<void> {
  if (leaving.role !== "owner") return;
  const owners = await ownersOf(ctx, org._id);
  if (owners.every((owner) => owner._id === leaving._id)) {
    throw appError("LAST_OWNER");
  }
}

/** Only an owner may act on an owner or make one. */
function refuseOwnerChangeByNonOwner(
  ctx: OrgCaller,
  target: MemberRow,
  newRole?: OrgRole,
): void {
  if (
    ctx.member.role !== "owner" &&
    (target.role === "owner" || newRole === "owner")
  ) {
    throw appError("ORG_FORBIDDEN", { key: "owner_change_by_owner" });
  }
}

export const setRole = orgMutation({
  args: { memberId: v.string(), role: v.string() },
  permission: { member: "update" },
  handler: async (ctx, { memberId, role }) => {
    if (!isOrgRole(role)) throw appError("INVALID_ROLE");
    const target = await memberInOrg(ctx, memberId);
    if (target._id === ctx.member._id) {
      throw appError("ORG_FORBIDDEN", { key: "own_role" });
    }
    refuseOwnerChangeByNonOwner(ctx, target, role);
    if (target.role === role) return;
    if (role !== "owner") await refuseLastOwner(ctx, ctx.org, target);
    await updateRow(ctx, "member", target._id, { role });
    await auditOrg(
      ctx,
      ctx.user,
      "org-role",
      ctx.org,
      await appUserOf(ctx, target),
      `${target.role} → ${role}`,
    );
  },
});

/** Deletes a membership and counts it out of the organization. */
export async function deleteMembership(
  ctx: MutationCtx,
  org: OrganizationRow,
  member: MemberRow,
): Promise<void> {
  await deleteRow(ctx, "member", member._id);
  await updateRow(ctx, "organization", org._id, {
    memberCount: Math.max(0, org.memberCount - 1),
  });
}

export const removeMember = orgMutation({
  args: { memberId: v.string() },
  permission: { member: "delete" },
  handler: async (ctx, { memberId }) => {
    const target = await memberInOrg(ctx, memberId);
    if (target._id === ctx.member._id) {
      throw appError("ORG_FORBIDDEN", { key: "remove_self" });
    }
    refuseOwnerChangeByNonOwner(ctx, target);
    await refuseLastOwner(ctx, ctx.org, target);
    await deleteMembership(ctx, ctx.org, target);
    await auditOrg(
      ctx,
      ctx.user,
      "org-remove",
      ctx.org,
      await appUserOf(ctx, target),
    );
  },
});

/** Leaves the active organization (not its last owner: see LAST_OWNER). */
export const leave = orgMutation({
  args: {},
  handler: async (ctx) => {
    await refuseLastOwner(ctx, ctx.org, ctx.member);
    await deleteMembership(ctx, ctx.org, ctx.member);
    await setSessionOrganization(ctx, ctx.session.id, null);
    await auditOrg(ctx, ctx.user, "org-leave", ctx.org, ctx.user);
  },
});

/** The caller (an owner) makes another member the owner and becomes an admin. */
export const transferOwnership = orgMutation({
  args: { memberId: v.string() },
  handler: async (ctx, { memberId }) => {
    if (ctx.member.role !== "owner") {
      throw appError("ORG_FORBIDDEN", { key: "transfer_by_owner" });
    }
    const target = await memberInOrg(ctx, memberId);
    if (target._id === ctx.member._id) {
      throw appError("ORG_FORBIDDEN", { key: "already_owner" });
    }
    await updateRow(ctx, "member", target._id, { role: "owner" });
    await updateRow(ctx, "member", ctx.member._id, { role: "admin" });
    await auditOrg(
      ctx,
      ctx.user,
      "org-transfer",
      ctx.org,
      await appUserOf(ctx, target),
    );
  },
});

/**
 * Deletes the active organization: owners only, confirmed by typing its
 * slug. The organization goes now; its members, invitations and projects
 * follow in batches (convex/orgData.ts).
 */
export const remove = orgMutation({
  args: { confirmSlug: v.string() },
  permission: { organization: "delete" },
  handler: async (ctx, { confirmSlug }) => {
    if (confirmSlug.trim() !== ctx.org.slug) {
      throw appError("CONFIRMATION_MISMATCH");
    }
    await auditOrg(ctx, ctx.user, "org-delete", ctx.org, ctx.user);
    await deleteOrganizationAndData(ctx, ctx.org._id);
    await setSessionOrganization(ctx, ctx.session.id, null);
  },
});

/**
 * What deleting this user would do to their organizations: refused while
 * they are the only owner of one that has other members (handing it to
 * someone would give it away unasked); the ones they are alone in go with
 * the account.
 */
export async function organizationsOnUserDeletion(
  ctx: QueryCtx,
  authId: string,
): Promise<{
  blocking: OrganizationRow[];
  alone: OrganizationRow[];
  memberships: { org: OrganizationRow; member: MemberRow }[];
}> {
  const blocking: OrganizationRow[] = [];
  const alone: OrganizationRow[] = [];
  const memberships = [];
  for (const member of await membershipsOf(ctx, authId)) {
    const org = await organizationById(ctx, member.organizationId);
    if (!org) continue;
    memberships.push({ org, member });
    if (member.role !== "owner") continue;
    const owners = await ownersOf(ctx, org._id);
    if (owners.length > 1) continue;
    if (org.memberCount > 1) blocking.push(org);
    else alone.push(org);
  }
  return { blocking, alone, memberships };
}

/** Why the user can't be deleted now, or null (see organizationsOnUserDeletion). */
export function ownerDeletionRefusal(
  blocking: OrganizationRow[],
): Detail | null {
  if (blocking.length === 0) return null;
  return {
    key: "only_owner_of",
    params: { organizations: blocking.map((org) => org.name).join(", ") },
  };
}

export function refuseOwnerDeletion(blocking: OrganizationRow[]): void {
  const refusal = ownerDeletionRefusal(blocking);
  if (refusal) throw appError("OWNS_ORGANIZATIONS", refusal);
}

/**
 * A deleted user's memberships: removed in the deleting transaction (at
 * most LIST_LIMIT), and the organizations they were alone in deleted.
 */
export async function removeUserFromOrganizations(
  ctx: MutationCtx,
  authId: string,
): Promise<void> {
  const { blocking, alone, memberships } = await organizationsOnUserDeletion(
    ctx,
    authId,
  );
  refuseOwnerDeletion(blocking);
  const aloneIds = new Set(alone.map((org) => org._id));
  for (const { org, member } of memberships) {
    if (aloneIds.has(org._id)) await deleteOrganizationAndData(ctx, org._id);
    else await deleteMembership(ctx, org, member);
  }
}

/**
 * Why this user can't be deleted now (the message for the person), or
 * null. Asked before Better Auth deletes the account (convex/auth.ts),
 * so the refusal is a clear answer rather than a failed trigger.
 */
export const deletionRefusal = internalQuery({
  args: { authId: v.string() },
  handler: async (ctx, { authId }): Promise<Detail | null> => {
    const { blocking } = await organizationsOnUserDeletion(ctx, authId);
    return ownerDeletionRefusal(blocking);
  },
});

/**
 * The organization a new session starts in: the one the user's newest
 * session had, while they are still a member; else their
 * first one; else none.
 */
export const initialActive = internalQuery({
  args: { authId: v.string() },
  handler: async (ctx, { authId }): Promise<string | null> => {
    const memberships = await membershipsOf(ctx, authId);
    if (memberships.length === 0) return null;
    const latest = (await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "session",
      where: [{ field: "userId", value: authId }],
      // The newest session, through the `userId` index (ordered by creation).
      sortBy: { field: "createdAt", direction: "desc" },
      paginationOpts: { numItems: 1, cursor: null },
    })) as { page: { activeOrganizationId?: string | null }[] };
    const previous = latest.page[0]?.activeOrganizationId;
    const ids = new Set(memberships.map((member) => member.organizationId));
    if (previous && ids.has(previous)) return previous;
    return memberships[0]!.organizationId;
  },
});
