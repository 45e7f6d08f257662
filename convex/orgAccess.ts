/**
 * Organizations' roles and what each may do, with Better Auth's access
 * control. The one table: the server checks it in `orgQuery`/`orgMutation`
 * (convex/authorization.ts) and hands each member their permissions, which
 * the SPA reads to hide what their role can't do.
 *
 * Better Auth's organization plugin is here for its tables (organization,
 * member, invitation, and the session's `activeOrganizationId`) and these
 * roles; its HTTP routes are off (convex/authRoutes.ts). Every change to an
 * organization is one Convex mutation instead (convex/organizations.ts,
 * convex/invitations.ts): the plugin's routes write through the adapter one
 * transaction per row, so two owners demoting each other at once, or two
 * tabs accepting one invitation, could leave no owner or two memberships.
 */
import type { GenericCtx } from "@convex-dev/better-auth";
import { createAccessControl } from "better-auth/plugins/access";
import { organization } from "better-auth/plugins/organization";
import { defaultStatements } from "better-auth/plugins/organization/access";
import { internal } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import { authRefusal } from "./authInput";

/** Every resource and action a role can be given. */
export const ORG_STATEMENTS = {
  organization: defaultStatements.organization,
  member: defaultStatements.member,
  invitation: defaultStatements.invitation,
  // The app's own organization-scoped resource (convex/projects.ts).
  project: ["create", "delete"],
} as const;

const ac = createAccessControl(ORG_STATEMENTS);

export const ORG_ROLES = {
  owner: ac.newRole({
    organization: ["update", "delete"],
    member: ["create", "update", "delete"],
    invitation: ["create", "cancel"],
    project: ["create", "delete"],
  }),
  admin: ac.newRole({
    organization: ["update"],
    member: ["create", "update", "delete"],
    invitation: ["create", "cancel"],
    project: ["create", "delete"],
  }),
  member: ac.newRole({ project: ["create"] }),
};

export type OrgRole = keyof typeof ORG_ROLES;
export const ORG_ROLE_NAMES = Object.keys(ORG_ROLES) as OrgRole[];

export type OrgResource = keyof typeof ORG_STATEMENTS;
/** One permission: a resource and one of its actions. */
export type OrgPermission = {
  [R in OrgResource]: { [K in R]: (typeof ORG_STATEMENTS)[R][number] };
}[OrgResource];

export function isOrgRole(role: string): role is OrgRole {
  return (ORG_ROLE_NAMES as string[]).includes(role);
}

/** Whether `role` may do `permission` (unknown roles may do nothing). */
export function roleCan(role: string, permission: OrgPermission): boolean {
  if (!isOrgRole(role)) return false;
  const request = permission as Record<string, string[] | string>;
  const [resource, action] = Object.entries(request)[0]!;
  return ORG_ROLES[role].authorize({ [resource]: [action as string] }).success;
}

/** Every permission of a role, for the SPA: `{ member: ["update"], … }`. */
export function permissionsOf(role: string): Record<string, string[]> {
  return isOrgRole(role)
    ? (ORG_ROLES[role].statements as unknown as Record<string, string[]>)
    : {};
}

/**
 * The plugin, for its schema: `memberCount` is kept by the mutations that
 * add and remove members, so the admin console counts without reading
 * every member.
 */
export function organizationPlugin() {
  return organization({
    ac,
    roles: ORG_ROLES,
    creatorRole: "owner",
    schema: {
      organization: {
        additionalFields: {
          memberCount: {
            type: "number",
            required: true,
            defaultValue: 0,
            input: false,
          },
        },
      },
    },
  });
}

/**
 * Better Auth's `deleteUser.beforeDelete`: refuses, with the reason, while
 * the user is the only owner of an organization with other members.
 */
export function refuseWhileOnlyOwner(ctx: GenericCtx<DataModel>) {
  return async (user: { id: string }) => {
    const refusal = await ctx.runQuery(internal.organizations.deletionRefusal, {
      authId: user.id,
    });
    if (refusal) {
      throw authRefusal("BAD_REQUEST", "OWNS_ORGANIZATIONS", refusal);
    }
  };
}

/**
 * For `session.create.before`: a new session opens the organization the
 * user's newest session had (convex/organizations.ts: initialActive).
 */
export async function withLastOrganization<
  S extends { userId: string; activeOrganizationId?: string | null },
>(ctx: GenericCtx<DataModel>, session: S) {
  if (session.activeOrganizationId) return;
  const activeOrganizationId = await ctx.runQuery(
    internal.organizations.initialActive,
    { authId: session.userId },
  );
  if (activeOrganizationId) {
    return { data: { ...session, activeOrganizationId } };
  }
}
