/**
 * The organizations repository: how the backend reads and writes the
 * organization plugin's rows (organization, member, invitation) in the
 * Better Auth component. Every read goes through an index (see
 * convex/betterAuth/schema.ts); no function here checks who is asking:
 * the callers do (convex/authorization.ts).
 */
import type { Infer } from "convex/values";
import { components } from "../_generated/api";
import type { ActionCtx, MutationCtx } from "../_generated/server";
import type authSchema from "../betterAuth/schema";

type Stored<T extends keyof typeof authSchema.tables> = Infer<
  (typeof authSchema.tables)[T]["validator"]
> & { _id: string };

export type OrganizationRow = Stored<"organization">;
export type MemberRow = Stored<"member">;
export type InvitationRow = Stored<"invitation">;

type RunQueryCtx = { runQuery: ActionCtx["runQuery"] };
type Where = { field: string; value: string | number }[];
type OrgModel = "organization" | "member" | "invitation";
type RowOf<M extends OrgModel> = {
  organization: OrganizationRow;
  member: MemberRow;
  invitation: InvitationRow;
}[M];

async function findOne<T>(
  ctx: RunQueryCtx,
  model: OrgModel,
  where: Where,
): Promise<T | null> {
  return (await ctx.runQuery(components.betterAuth.adapter.findOne, {
    model,
    where,
  })) as T | null;
}

/** The most a list reads: members shown, organizations one user is in. */
export const LIST_LIMIT = 200;

/** At most LIST_LIMIT rows: every list the app shows is capped there. */
async function findMany<T>(
  ctx: RunQueryCtx,
  model: OrgModel,
  where: Where,
): Promise<T[]> {
  const result = await ctx.runQuery(components.betterAuth.adapter.findMany, {
    model,
    where,
    paginationOpts: { numItems: LIST_LIMIT, cursor: null },
  });
  return result.page as T[];
}

/**
 * The row with this id, or null, also for a string that isn't an id of
 * that table at all: ids come from callers.
 */
async function byId<M extends OrgModel>(
  ctx: RunQueryCtx,
  model: M,
  id: string,
): Promise<RowOf<M> | null> {
  try {
    return await findOne(ctx, model, [{ field: "_id", value: id }]);
  } catch {
    return null;
  }
}

export async function organizationById(
  ctx: RunQueryCtx,
  id: string,
): Promise<OrganizationRow | null> {
  return await byId(ctx, "organization", id);
}

export async function organizationBySlug(
  ctx: RunQueryCtx,
  slug: string,
): Promise<OrganizationRow | null> {
  return await findOne(ctx, "organization", [{ field: "slug", value: slug }]);
}

/** A user's membership of an organization, or null. */
export async function membership(
  ctx: RunQueryCtx,
  organizationId: string,
  authId: string,
): Promise<MemberRow | null> {
  return await findOne(ctx, "member", [
    { field: "organizationId", value: organizationId },
    { field: "userId", value: authId },
  ]);
}

export async function memberById(
  ctx: RunQueryCtx,
  id: string,
): Promise<MemberRow | null> {
  return await byId(ctx, "member", id);
}

export async function membersOf(
  ctx: RunQueryCtx,
  organizationId: string,
): Promise<MemberRow[]> {
  return await findMany(ctx, "member", [
    { field: "organizationId", value: organizationId },
  ]);
}

export async function ownersOf(
  ctx: RunQueryCtx,
  organizationId: string,
): Promise<MemberRow[]> {
  return await findMany(ctx, "member", [
    { field: "organizationId", value: organizationId },
    { field: "role", value: "owner" },
  ]);
}

export async function membershipsOf(
  ctx: RunQueryCtx,
  authId: string,
): Promise<MemberRow[]> {
  return await findMany(ctx, "member", [{ field: "userId", value: authId }]);
}

export async function invitationById(
  ctx: RunQueryCtx,
  id: string,
): Promise<InvitationRow | null> {
  return await byId(ctx, "invitation", id);
}

const pending = (field: "organizationId" | "email", value: string): Where => [
  { field, value },
  { field: "status", value: "pending" },
];

export async function pendingInvitations(
  ctx: RunQueryCtx,
  organizationId: string,
): Promise<InvitationRow[]> {
  return await findMany(
    ctx,
    "invitation",
    pending("organizationId", organizationId),
  );
}

export async function pendingInvitationsFor(
  ctx: RunQueryCtx,
  email: string,
): Promise<InvitationRow[]> {
  return await findMany(ctx, "invitation", pending("email", email));
}

export async function insertRow<M extends OrgModel>(
  ctx: MutationCtx,
  model: M,
  data: Omit<RowOf<M>, "_id">,
): Promise<RowOf<M>> {
  // The component's argument type is a union over every model; `data` is
  // checked against this model's row type above.
  const input = { model, data } as never;
  return (await ctx.runMutation(components.betterAuth.adapter.create, {
    input,
  })) as RowOf<M>;
}

export async function updateRow(
  ctx: MutationCtx,
  model: OrgModel | "session",
  id: string,
  update: Record<string, unknown>,
): Promise<void> {
  await ctx.runMutation(components.betterAuth.adapter.updateOne, {
    input: { model, where: [{ field: "_id", value: id }], update },
  });
}

export async function deleteRow(
  ctx: MutationCtx,
  model: OrgModel,
  id: string,
): Promise<void> {
  await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
    input: { model, where: [{ field: "_id", value: id }] },
  });
}

/** Sets (or clears) the organization a session works in. */
export async function setSessionOrganization(
  ctx: MutationCtx,
  sessionId: string,
  organizationId: string | null,
): Promise<void> {
  await updateRow(ctx, "session", sessionId, {
    activeOrganizationId: organizationId,
    updatedAt: Date.now(),
  });
}
