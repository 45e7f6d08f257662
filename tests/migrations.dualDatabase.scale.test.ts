/**
 * The dual-database migration on USERS users: every transaction (each
 * batch, and the triggers inside it) is held to TRANSACTION_BUDGET, an
 * eighth of Convex's limits, and convex-test throws past it as a deployment
 * would; no transaction reads as many documents as there are users (so
 * batches stay bounded at any size), and the run moves everyone. The dry
 * run, a second run and the conflicts are proved on the CLI test's data.
 *
 * convex-test answers each index lookup by scanning the table, so a run's
 * time grows with the square of its users: 2,000 take about a minute, 5,000
 * about eight. `npm run bench` migrates MIGRATION_USERS (5,000) under the
 * same budget and prints the worst batch; the per-batch figures are the
 * same at both sizes.
 */
import type { PaginationResult } from "convex/server";
import { expect, test, vi } from "vitest";
import type { Doc } from "../convex/_generated/dataModel";
import {
  makeTransitionalBackend,
  runMeasuredMigration,
  seedDualDatabase,
  type TransitionalBackend,
} from "./support/dualDatabaseFigures";
import { TRANSACTION_BUDGET } from "./support/readFigures";

const USERS = 2_000;

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

test(`${USERS.toLocaleString("en-US")} users migrate, every transaction within budget`, async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  const t = makeTransitionalBackend({ transactionLimits: TRANSACTION_BUDGET });
  await seedDualDatabase(t, USERS);

  const { report, worst, batches } = await runMeasuredMigration(t);
  console.info(
    `dual-database migration of ${USERS} users: ${batches} batches, worst ${worst.reads} reads / ${worst.writes} writes`,
  );
  expect(worst.reads).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsRead);
  expect(worst.writes).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsWritten);
  expect(worst.reads, "no batch reads every user").toBeLessThan(USERS);
  const quarter = USERS / 4;
  expect(report).toMatchObject({
    complete: true,
    createdAppRows: quarter,
    adminsMoved: USERS / 50,
    appRows: {
      scanned: 3 * quarter,
      linkedById: 2 * quarter,
      linkedByEmail: quarter,
      refreshed: quarter,
    },
  });

  const rows = await appRows(t);
  expect(rows).toHaveLength(USERS);
  expect(rows.filter((row) => row.role === "admin")).toHaveLength(USERS / 50);
  expect(new Set(rows.map((row) => row.authId)).size).toBe(USERS);
}, 1_800_000);
