/**
 * The Convex Auth migration on USERS users: every transaction (each batch
 * of the first pass and of the moves, with the component calls inside) is
 * held to TRANSACTION_BUDGET, an eighth of Convex's limits, and convex-test
 * throws past it as a deployment would; no transaction reads as many
 * documents as there are users (so batches stay bounded at any size);
 * everyone moves, with their accounts, and keeps their notes. The problems,
 * the dry run and a second run are proved on the CLI test's data
 * (tests/migrations.convexAuth.cli.test.ts).
 *
 * convex-test answers each index lookup by scanning the table, so a run's
 * time grows with the square of its users: 2,000 take about a minute and a
 * half, 5,000 about eight. `npm run bench` migrates CONVEX_AUTH_USERS
 * (5,000) under the same budget and prints the worst batch; the per-batch
 * figures are the same at both sizes.
 */
import type { PaginationResult } from "convex/server";
import { expect, test, vi } from "vitest";
import { components } from "../convex/_generated/api";
import type { Doc } from "../convex/_generated/dataModel";
import {
  makeConvexAuthBackend,
  runMeasuredConvexAuthMigration,
  seedConvexAuth,
} from "./support/convexAuthFigures";
import { TRANSACTION_BUDGET } from "./support/readFigures";

const USERS = 2_000;

test(`${USERS.toLocaleString("en-US")} Convex Auth users migrate, every transaction within budget`, async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  const t = makeConvexAuthBackend({ transactionLimits: TRANSACTION_BUDGET });
  await seedConvexAuth(t, USERS);

  const { report, worst, worstMove, batches } =
    await runMeasuredConvexAuthMigration(t);
  console.info(
    `Convex Auth migration of ${USERS} users: ${batches} transactions, worst ${worst.reads} reads / ${worst.writes} writes; worst batch of moves ${worstMove.reads} / ${worstMove.writes}`,
  );
  expect(worst.reads).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsRead);
  expect(worst.writes).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsWritten);
  expect(worst.reads, "no batch reads every user").toBeLessThan(USERS);
  const quarter = USERS / 4;
  expect(report).toMatchObject({
    complete: true,
    users: {
      scanned: USERS,
      moved: USERS,
      emailVerified: 3 * quarter,
      passwordsCarried: 3 * quarter,
      oauthAccounts: 2 * quarter,
    },
    passwordResets: { count: 0 },
    problems: { count: 0 },
  });

  // Every note's user is a moved row; every row has its own auth user.
  // A page per transaction: one read of them all is over budget.
  const authIds = new Set<string>();
  let notes = 0;
  let cursor: string | null = null;
  for (;;) {
    const page: PaginationResult<Doc<"notes">> = await t.run(
      async (ctx) =>
        await ctx.db.query("notes").paginate({ numItems: 1000, cursor }),
    );
    const owners = await t.run(
      async (ctx) =>
        await Promise.all(page.page.map((note) => ctx.db.get(note.userId))),
    );
    for (const owner of owners) {
      expect(owner?.authId).toEqual(expect.any(String));
      authIds.add(owner!.authId);
    }
    notes += page.page.length;
    if (page.isDone) break;
    cursor = page.continueCursor;
  }
  expect(notes).toBe(USERS);
  expect(authIds.size).toBe(USERS);
  let accounts = 0;
  let accountCursor: string | null = null;
  for (;;) {
    const page: PaginationResult<unknown> = await t.run(
      async (ctx) =>
        await ctx.runQuery(components.betterAuth.adapter.findMany, {
          model: "account",
          paginationOpts: { numItems: 1000, cursor: accountCursor },
        }),
    );
    accounts += page.page.length;
    if (page.isDone) break;
    accountCursor = page.continueCursor;
  }
  expect(accounts).toBe(5 * quarter);
}, 1_800_000);
