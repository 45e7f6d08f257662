/**
 * Deleting a big organization: 20,000 rows (projects, members, invitations)
 * go in scheduled batches (convex/orgData.ts), every transaction of the
 * test held to Convex's real limits, and each batch within the project's
 * own TRANSACTION_BUDGET. Meanwhile a member's organization queries read a
 * bounded number of documents however big the organization is.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, components, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { ORG_AUTH_ROWS_PER_BATCH, ORG_ROWS_PER_BATCH } from "../convex/orgData";
import { makeBackend, type Backend } from "./support/backend";
import {
  join,
  orgOf,
  orgRows,
  organization,
  people,
  person,
  projectsOf,
} from "./support/organizations";
import {
  CONVEX_LIMITS,
  TRANSACTION_BUDGET,
  usageOf,
  type Usage,
} from "./support/readFigures";

const PROJECTS = 19_000;
const MEMBERS = 800;
const INVITATIONS = 200;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function seedProjects(
  t: Backend,
  organizationId: string,
  createdBy: Id<"users">,
): Promise<void> {
  for (let start = 0; start < PROJECTS; start += 2000) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(PROJECTS, start + 2000); i++) {
        await ctx.db.insert("projects", {
          organizationId,
          name: `project ${i}`,
          createdBy,
        });
      }
    });
  }
}

/** Rows in the organization plugin's tables, written as the adapter writes them. */
async function seedAuthRows(
  t: Backend,
  model: "member" | "invitation",
  organizationId: string,
  count: number,
): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < count; start += 200) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + 200); i++) {
        const data =
          model === "member"
            ? {
                organizationId,
                userId: `seeded-user-${i}`,
                role: "member",
                createdAt: now,
              }
            : {
                organizationId,
                email: `seeded${i}@example.com`,
                role: "member",
                status: "pending",
                expiresAt: now + 3_600_000,
                createdAt: now,
                inviterId: "seeded-inviter",
              };
        await ctx.runMutation(components.betterAuth.adapter.create, {
          input: { model, data } as never,
        });
      }
    });
  }
}

function withinBudget(usage: Usage, name: string): void {
  expect(usage.reads, `${name} reads`).toBeLessThanOrEqual(
    TRANSACTION_BUDGET.documentsRead,
  );
  expect(usage.writes, `${name} writes`).toBeLessThanOrEqual(
    TRANSACTION_BUDGET.documentsWritten,
  );
}

describe(`an organization with ${(PROJECTS + MEMBERS + INVITATIONS).toLocaleString("en-US")} rows`, () => {
  test("a member's queries read a bounded number of documents; deleting it removes every row in batches", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeBackend({ transactionLimits: CONVEX_LIMITS });
    const [owner, member] = await people(t, "owner", "member");
    const orgId = await owner.as.mutation(api.organizations.create, {
      name: "Huge",
      slug: "huge",
    });
    await join(owner, member, "member");
    await seedProjects(t, orgId, owner.row._id);
    // With the owner and the member: MEMBERS in all; their invitation is
    // one of INVITATIONS.
    await seedAuthRows(t, "member", orgId, MEMBERS - 2);
    await seedAuthRows(t, "invitation", orgId, INVITATIONS - 1);
    await t.run(async (ctx) => {
      await ctx.runMutation(components.betterAuth.adapter.updateOne, {
        input: {
          model: "organization",
          where: [{ field: "_id", value: orgId }],
          update: { memberCount: MEMBERS },
        },
      });
    });
    // Another organization's data stays.
    const other = await person(t, "other");
    const otherOrg = await orgOf(other, "Other");
    await other.as.mutation(api.projects.create, { name: "Kept" });

    // The member's view of the big organization: about a page, not the table.
    const reads = {
      active: (
        await usageOf(member.as, (ctx) =>
          ctx.runQuery(api.organizations.active, {}),
        )
      ).reads,
      projects: (
        await usageOf(member.as, (ctx) => ctx.runQuery(api.projects.list, {}))
      ).reads,
      members: (
        await usageOf(member.as, (ctx) =>
          ctx.runQuery(api.organizations.members, {}),
        )
      ).reads,
    };
    console.info(
      `reads at ${PROJECTS} projects and ${MEMBERS} members: organizations:active ${reads.active}, projects:list ${reads.projects}, organizations:members ${reads.members}`,
    );
    expect(reads.active).toBeLessThanOrEqual(8);
    expect(reads.projects).toBeLessThanOrEqual(100 + 8);
    // A page of members (LIST_LIMIT, 200) and each one's app row.
    expect(reads.members).toBeLessThanOrEqual(2 * 200 + 8);

    // Scheduled batches wait for the test to measure one of each.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const remove = await usageOf(owner.as, (ctx) =>
      ctx.runMutation(api.organizations.remove, { confirmSlug: "huge" }),
    );
    withinBudget(remove, "organizations:remove");
    expect(remove.writes).toBeLessThan(20);
    expect(await member.as.query(api.organizations.active, {})).toBeNull();
    const projectsBatch = await usageOf(t, (ctx) =>
      ctx.runMutation(internal.orgData.removeOwnedRows, {
        table: "projects",
        organizationId: orgId,
      }),
    );
    withinBudget(projectsBatch, "projects batch");
    expect(projectsBatch.writes).toBeGreaterThanOrEqual(ORG_ROWS_PER_BATCH);
    const membersBatch = await usageOf(t, (ctx) =>
      ctx.runMutation(internal.orgData.removeAuthRows, {
        model: "member",
        organizationId: orgId,
      }),
    );
    withinBudget(membersBatch, "members batch");
    expect(membersBatch.writes).toBeGreaterThanOrEqual(ORG_AUTH_ROWS_PER_BATCH);
    console.info(
      `organizations:remove ${remove.reads} reads / ${remove.writes} writes; projects batch ${projectsBatch.reads} / ${projectsBatch.writes}; members batch ${membersBatch.reads} / ${membersBatch.writes}`,
    );

    await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
    const failed = await t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).filter(
        (job) => job.state.kind !== "success",
      ),
    );
    expect(failed).toEqual([]);
    const ofOrg = (id: string) => [{ field: "organizationId", value: id }];
    expect(await projectsOf(t, orgId)).toHaveLength(0);
    for (const model of ["member", "invitation"] as const) {
      expect(await orgRows(t, model, ofOrg(orgId)), model).toHaveLength(0);
    }
    expect(await organization(t, orgId)).toBeNull();
    expect(await projectsOf(t, otherOrg)).toHaveLength(1);
    expect(await orgRows(t, "member", ofOrg(otherOrg))).toHaveLength(1);
  }, 240_000);
});
