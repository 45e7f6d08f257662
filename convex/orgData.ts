/**
 * Removing what a deleted organization owned, in scheduled batches, as
 * convex/userData.ts does for a deleted user. The organization row goes in
 * the deleting transaction: from then on nothing of it is reachable
 * (orgQuery/orgMutation read the organization on every call), and these
 * mutations delete its members, invitations and app rows a batch at a time,
 * each rescheduling itself until nothing is left.
 */
import { v } from "convex/values";
import { components, internal } from "./_generated/api";
import type { TableNames } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";
import { deleteRow, organizationById } from "./model/organizations";

/** App rows deleted per transaction: a few hundred reads and writes. */
export const ORG_ROWS_PER_BATCH = 500;
/** Auth rows (members, invitations) deleted per transaction. */
export const ORG_AUTH_ROWS_PER_BATCH = 200;

/**
 * Every app table whose rows belong to an organization: the field naming it
 * and the index on it. A table with an `organizationId` field is here or in
 * KEPT_ON_ORG_DELETION (tests/userData.declaration.test.ts), so a new
 * organization-scoped table can't be forgotten.
 */
export const ORG_OWNED_TABLES = {
  projects: { field: "organizationId", index: "by_organizationId" },
} as const;
export type OrgOwnedTable = keyof typeof ORG_OWNED_TABLES;

/** App tables with an `organizationId` field that deletion leaves, and why. */
export const KEPT_ON_ORG_DELETION: Partial<Record<TableNames, string>> = {};

/** The organization plugin's tables keyed on the organization. */
export const ORG_AUTH_MODELS = ["member", "invitation"] as const;
type OrgAuthModel = (typeof ORG_AUTH_MODELS)[number];

/** Deletes the organization now; what it owned follows in batches. */
export async function deleteOrganizationAndData(
  ctx: MutationCtx,
  organizationId: string,
): Promise<void> {
  await deleteRow(ctx, "organization", organizationId);
  for (const model of ORG_AUTH_MODELS) {
    await ctx.scheduler.runAfter(0, internal.orgData.removeAuthRows, {
      model,
      organizationId,
    });
  }
  for (const table of Object.keys(ORG_OWNED_TABLES) as OrgOwnedTable[]) {
    await ctx.scheduler.runAfter(0, internal.orgData.removeOwnedRows, {
      table,
      organizationId,
    });
  }
}

/** One batch of a deleted organization's members or invitations. */
export const removeAuthRows = internalMutation({
  args: {
    model: v.union(...ORG_AUTH_MODELS.map((model) => v.literal(model))),
    organizationId: v.string(),
  },
  handler: async (ctx, { model, organizationId }): Promise<null> => {
    // Only ever for a deleted organization.
    if (await organizationById(ctx, organizationId)) return null;
    const result: { isDone: boolean } = await ctx.runMutation(
      components.betterAuth.adapter.deleteMany,
      {
        input: {
          model: model satisfies OrgAuthModel,
          where: [{ field: "organizationId", value: organizationId }],
        },
        paginationOpts: { numItems: ORG_AUTH_ROWS_PER_BATCH, cursor: null },
      },
    );
    if (!result.isDone) {
      await ctx.scheduler.runAfter(0, internal.orgData.removeAuthRows, {
        model,
        organizationId,
      });
    }
    return null;
  },
});

/** One batch of a deleted organization's rows in `table`. */
export const removeOwnedRows = internalMutation({
  args: {
    table: v.union(
      ...(Object.keys(ORG_OWNED_TABLES) as OrgOwnedTable[]).map((table) =>
        v.literal(table),
      ),
    ),
    organizationId: v.string(),
  },
  handler: async (ctx, { table, organizationId }): Promise<number> => {
    if (await organizationById(ctx, organizationId)) return 0;
    const { field, index } = ORG_OWNED_TABLES[table];
    const rows = await ctx.db
      .query(table)
      .withIndex(index, (q) => q.eq(field, organizationId))
      .take(ORG_ROWS_PER_BATCH);
    for (const row of rows) await ctx.db.delete(table, row._id);
    if (rows.length === ORG_ROWS_PER_BATCH) {
      await ctx.scheduler.runAfter(0, internal.orgData.removeOwnedRows, {
        table,
        organizationId,
      });
    }
    return rows.length;
  },
});
