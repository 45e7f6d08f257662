/**
 * The dual-database migration on MIGRATION_USERS users: every transaction
 * (each batch, and the triggers inside it) is held to TRANSACTION_BUDGET, an
 * eighth of Convex's limits, and convex-test throws past it as a deployment
 * would. The run moves everyone; a second run changes nothing. (The dry
 * run and the conflicts are proved on the CLI test's data: convex-test
 * answers each index lookup by scanning the table, so every extra pass over
 * 5,000 users here costs about a minute.)
 */
import { expect, test, vi } from "vitest";
import {
  makeTransitionalBackend,
  MIGRATION_USERS,
  runMeasuredMigration,
  seedDualDatabase,
  type TransitionalBackend,
} from "./support/dualDatabaseFigures";
import { TRANSACTION_BUDGET } from "./support/readFigures";

async function appRows(t: TransitionalBackend) {
  return await t.run(async (ctx) => await ctx.db.query("users").collect());
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

  const again = await runMeasuredMigration(t);
  expect(again.report.appRows.alreadyMoved).toBe(MIGRATION_USERS);
  expect(again.report.createdAppRows).toBe(0);
  expect(await appRows(t)).toEqual(rows);
}, 600_000);
