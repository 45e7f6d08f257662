/**
 * The dual-database migration on MIGRATION_USERS users: every transaction
 * (each batch, and the triggers inside it) is held to TRANSACTION_BUDGET, an
 * eighth of Convex's limits, and convex-test throws past it as a deployment
 * would, and the run moves everyone. The dry run, a second run and the
 * conflicts are proved on the CLI test's data: convex-test answers each
 * index lookup by scanning the table, so this one pass over 5,000 users
 * takes about 4 minutes of CPU. The per-batch figures don't grow with the
 * number of users (the same at 800, 2,000 and 5,000): batches are bounded.
 */
import type { PaginationResult } from "convex/server";
import { expect, test, vi } from "vitest";
import type { Doc } from "../convex/_generated/dataModel";
import {
  makeTransitionalBackend,
  MIGRATION_USERS,
  runMeasuredMigration,
  seedDualDatabase,
  type TransitionalBackend,
} from "./support/dualDatabaseFigures";
import { TRANSACTION_BUDGET } from "./support/readFigures";

/** Every app row, a page per transaction (one read of them all is over budget). */
async function appRows(t: TransitionalBackend) {
  const rows: Doc<"users">[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: PaginationResult<Doc<"users">> = await t.run(
      async (ctx) =>
        await ctx.db.query("users").paginate({ numItems: 1000, cursor }),
    );
    rows.push(...page.page);
    if (page.isDone) return rows;
    cursor = page.continueCursor;
  }
}

test(`${MIGRATION_USERS.toLocaleString("en-US")} users migrate, every transaction within budget`, async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  const t = makeTransitionalBackend({ transactionLimits: TRANSACTION_BUDGET });
  await seedDualDatabase(t, MIGRATION_USERS);

  const { report, worst, batches } = await runMeasuredMigration(t);
  console.info(
    `dual-database migration of ${MIGRATION_USERS} users: ${batches} batches, worst ${worst.reads} reads / ${worst.writes} writes`,
  );
  expect(worst.reads).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsRead);
  expect(worst.writes).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsWritten);
  const quarter = MIGRATION_USERS / 4;
  expect(report).toMatchObject({
    complete: true,
    createdAppRows: quarter,
    adminsMoved: MIGRATION_USERS / 50,
    appRows: {
      scanned: 3 * quarter,
      linkedById: 2 * quarter,
      linkedByEmail: quarter,
      refreshed: quarter,
    },
  });

  const rows = await appRows(t);
  expect(rows).toHaveLength(MIGRATION_USERS);
  expect(rows.filter((row) => row.role === "admin")).toHaveLength(
    MIGRATION_USERS / 50,
  );
  expect(new Set(rows.map((row) => row.authId)).size).toBe(MIGRATION_USERS);
}, 1_800_000);
