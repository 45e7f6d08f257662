/**
 * People and organizations for the organization tests
 * (tests/organizations*.test.ts): a signed-up person with their client, an
 * organization they own, a member taken in by invitation, a site admin, and
 * reads of the organization plugin's rows, the projects and the audit log.
 */
import { api, components, internal } from "../../convex/_generated/api";
import type { Doc } from "../../convex/_generated/dataModel";
import {
  appRowOf,
  asSession,
  newUser,
  signInSession,
  signUp,
  type Backend,
  type Session,
} from "./backend";
import type { NewUser } from "./fixtures";

/** A convex-test client acting as one session's user. */
export type Client = Awaited<ReturnType<typeof asSession>>;

/** A signed-up user: who they are, their session, its client, their app row. */
export type Person = {
  user: NewUser;
  session: Session;
  as: Client;
  row: Doc<"users">;
};

/**
 * Signs up a new user named after `prefix`, with any other user fields the
 * sign-up takes (say, `{ locale: "de" }`).
 * @example const owner = await person(t, "owner");
 */
export async function person(
  t: Backend,
  prefix: string,
  fields: Record<string, unknown> = {},
): Promise<Person> {
  const user = { ...newUser(prefix), ...fields };
  const session = await signUp(t, user);
  return {
    user,
    session,
    as: await asSession(t, session),
    row: await appRowOf(t, user.email),
  };
}

/**
 * Signs up one person per prefix, in order.
 * @example const [owner, admin] = await people(t, "owner", "admin");
 */
export async function people<const P extends string[]>(
  t: Backend,
  ...prefixes: P
): Promise<{ [K in keyof P]: Person }> {
  const signedUp: Person[] = [];
  for (const prefix of prefixes) signedUp.push(await person(t, prefix));
  return signedUp as { [K in keyof P]: Person };
}

/** Creates a site admin (adminSetup:createAdminUser) and signs them in. */
export async function siteAdmin(t: Backend): Promise<Pick<Session, "cookie">> {
  const user = newUser("admin");
  await t.action(internal.adminSetup.createAdminUser, user);
  return await signInSession(t, user);
}

let slugs = 0;
/** Creates an organization owned by `owner` (now their active one), slug `org-<n>`. */
export async function orgOf(owner: Person, name = "Acme"): Promise<string> {
  slugs += 1;
  return await owner.as.mutation(api.organizations.create, {
    name,
    slug: `org-${slugs}`,
  });
}

/**
 * `inviter`'s active organization takes `invitee` in with `role`, by
 * invitation; returns the new member's id.
 */
export async function join(
  inviter: Person,
  invitee: Person,
  role: "owner" | "admin" | "member",
): Promise<string> {
  const invitationId = await inviter.as.mutation(api.invitations.invite, {
    email: invitee.row.email,
    role,
  });
  await invitee.as.mutation(api.invitations.accept, { invitationId });
  return await memberIdOf(inviter, invitee);
}

/** The member id of `of` in `viewer`'s active organization; throws if none. */
export async function memberIdOf(viewer: Person, of: Person): Promise<string> {
  const members = await viewer.as.query(api.organizations.members, {});
  const found = members.find((member) => member.email === of.row.email);
  if (!found) throw new Error(`${of.row.email} is not a member`);
  return found.id;
}

type OrgModel = "organization" | "member" | "invitation";

/**
 * Rows of one organization-plugin table, up to 1,000 (test-sized data).
 * @example await orgRows(t, "member", [{ field: "organizationId", value: orgId }]);
 */
export async function orgRows<T = Record<string, unknown>>(
  t: Backend,
  model: OrgModel,
  where: { field: string; value: string }[] = [],
): Promise<T[]> {
  return await t.run(async (ctx) => {
    const result = await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model,
      where,
      paginationOpts: { numItems: 1000, cursor: null },
    });
    return result.page as T[];
  });
}

/** The organization row with this id, or null once it is gone. */
export async function organization(t: Backend, id: string) {
  const [row] = await orgRows<{ name: string; memberCount: number }>(
    t,
    "organization",
    [{ field: "_id", value: id }],
  );
  return row ?? null;
}

/** An invitation row as the organization plugin stores it. */
export type InvitationRow = {
  _id: string;
  organizationId: string;
  email: string;
  role?: string | null;
  status: string;
  expiresAt: number;
};

/** Every invitation row, of every organization. */
export async function invitationRows(t: Backend): Promise<InvitationRow[]> {
  return await orgRows<InvitationRow>(t, "invitation");
}

/** The organization's projects (test-sized data). */
export async function projectsOf(t: Backend, organizationId: string) {
  return await t.run(
    async (ctx) =>
      await ctx.db
        .query("projects")
        .withIndex("by_organizationId", (q) =>
          q.eq("organizationId", organizationId),
        )
        .collect(),
  );
}

/** Every audit log entry, oldest first. */
export async function auditLog(t: Backend) {
  return await t.run(async (ctx) => await ctx.db.query("auditLog").collect());
}

/** The audit log's actions, oldest first. */
export async function auditActions(t: Backend): Promise<string[]> {
  return (await auditLog(t)).map((row) => row.action);
}
