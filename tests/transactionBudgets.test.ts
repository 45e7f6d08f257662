/**
 * No transaction outgrows Convex's limits, however much a user owns. Every
 * transaction in these tests (functions, triggers, scheduled batches) is held
 * to TRANSACTION_BUDGET, an eighth of Convex's limits, and throws past it as
 * a deployment would past its own: deleting 20,000 notes in one transaction,
 * as the delete cascade used to, fails here.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, components, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import {
  asSession,
  authFetch,
  makeBackend,
  newUser,
  PASSWORD,
  signInSession,
  signUp,
  type Backend,
} from "./support/backend";
import {
  deletionFigures,
  doctorStepFigures,
  NOTES_AT_SCALE,
  seedNotes,
  seedSessions,
  SESSIONS_AT_SCALE,
  TRANSACTION_BUDGET,
} from "./support/readFigures";
import { appUserRow } from "./support/fixtures";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Scheduled batches wait for the test to run them (Date stays real). */
function holdScheduledFunctions() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
}

async function runScheduledFunctions(t: Backend) {
  await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
  const failed = await t.run(async (ctx) =>
    (await ctx.db.system.query("_scheduled_functions").collect()).filter(
      (job) => job.state.kind !== "success",
    ),
  );
  expect(failed).toEqual([]);
}

async function notesLeft(t: Backend, userId: Id<"users">) {
  return await t.run(
    async (ctx) =>
      (
        await ctx.db
          .query("notes")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .take(10)
      ).length,
  );
}

async function sessionsLeft(t: Backend, authId: string) {
  return await t.run(async (ctx) => {
    const result = await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model: "session",
      where: [{ field: "userId", value: authId }],
      paginationOpts: { numItems: 10, cursor: null },
    });
    return result.page.length;
  });
}

async function expectCode(call: Promise<unknown>, code: string) {
  await expect(call).rejects.toSatisfy(
    (error: unknown) =>
      (error as { data?: { code?: string } }).data?.code === code,
  );
}

describe(`deleting a user with ${NOTES_AT_SCALE.toLocaleString("en-US")} notes`, () => {
  test("by themselves: gone at once, unreachable meanwhile, nothing left after the batches", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeBackend({ transactionLimits: TRANSACTION_BUDGET });
    const admin = newUser("admin");
    await t.action(internal.adminSetup.createAdminUser, admin);
    const asAdmin = await asSession(t, await signInSession(t, admin));
    const leaving = await signUp(t, newUser("leaving"));
    const asLeaving = await asSession(t, leaving);
    const row = (await asLeaving.query(api.users.me, {}))!;
    await seedNotes(t, row._id, NOTES_AT_SCALE);
    await seedSessions(t, leaving.userId, SESSIONS_AT_SCALE);
    const staying = await asSession(t, await signUp(t, newUser("staying")));
    const kept = await staying.mutation(api.notes.create, { text: "mine" });
    const someLeftover = await t.run(
      async (ctx) =>
        (await ctx.db
          .query("notes")
          .withIndex("by_userId", (q) => q.eq("userId", row._id))
          .first())!._id,
    );

    holdScheduledFunctions();
    const response = await authFetch(t, "/delete-user", {
      cookie: leaving.cookie,
      body: { password: PASSWORD },
    });
    expect(response.status).toBe(200);

    // At once: no auth user, no app row, no Convex access.
    expect(await asLeaving.query(api.users.me, {})).toBeNull();
    expect(await t.run(async (ctx) => await ctx.db.get("users", row._id))).toBe(
      null,
    );
    // Meanwhile the notes still on disk are nobody's: not listed, not
    // removable by another user, not shown to an admin.
    expect(await notesLeft(t, row._id)).toBeGreaterThan(0);
    expect((await staying.query(api.notes.list, {})).map((n) => n._id)).toEqual(
      [kept],
    );
    await expectCode(
      staying.mutation(api.notes.remove, { id: someLeftover }),
      "NOT_FOUND",
    );
    expect(
      await asAdmin.query(api.admin.userDetail, { userId: row._id }),
    ).toBeNull();

    await runScheduledFunctions(t);
    expect(await notesLeft(t, row._id)).toBe(0);
    expect(await sessionsLeft(t, leaving.userId)).toBe(0);
    expect((await staying.query(api.notes.list, {})).map((n) => n._id)).toEqual(
      [kept],
    );
  }, 240_000);

  test("by an admin: one transaction for the user, batches for the data, each within budget", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    holdScheduledFunctions();
    const { deleteUser, notesBatch, sessionsBatch, t, row } =
      await deletionFigures();
    for (const usage of [deleteUser, notesBatch, sessionsBatch]) {
      expect(usage.reads).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsRead);
      expect(usage.writes).toBeLessThanOrEqual(
        TRANSACTION_BUDGET.documentsWritten,
      );
    }
    // The delete itself writes a handful of rows, not one per note.
    expect(deleteUser.writes).toBeLessThan(250);
    expect(notesBatch.writes).toBeGreaterThan(0);
    console.info(
      `admin:deleteUser ${deleteUser.reads} reads / ${deleteUser.writes} writes; ` +
        `notes batch ${notesBatch.reads} / ${notesBatch.writes}; sessions batch ${sessionsBatch.reads} / ${sessionsBatch.writes}`,
    );

    await runScheduledFunctions(t);
    expect(await notesLeft(t, row._id)).toBe(0);
    expect(await sessionsLeft(t, row.authId)).toBe(0);
  }, 240_000);

  test("by the drift doctor's repair of an orphaned row", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeBackend({ transactionLimits: TRANSACTION_BUDGET });
    const orphan = await t.run(
      async (ctx) =>
        await ctx.db.insert(
          "users",
          appUserRow({
            authId: "deleted-behind-the-trigger",
            email: "orphan@example.com",
            name: "Orphan",
            emailVerified: true,
          }),
        ),
    );
    await seedNotes(t, orphan, NOTES_AT_SCALE);

    holdScheduledFunctions();
    await t.mutation(internal.doctor.run, { repair: true });
    await runScheduledFunctions(t);
    const report = await t.query(internal.doctor.report, {});
    expect(report?.repaired?.removedAppRows).toBe(1);
    expect(await t.run(async (ctx) => await ctx.db.get("users", orphan))).toBe(
      null,
    );
    expect(await notesLeft(t, orphan)).toBe(0);
  }, 240_000);
});

test("the drift doctor's heaviest step stays within budget", async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  const usage = await doctorStepFigures();
  console.info(`doctor step: ${usage.reads} reads, ${usage.writes} writes`);
  expect(usage.reads).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsRead);
  expect(usage.writes).toBeLessThanOrEqual(TRANSACTION_BUDGET.documentsWritten);
  // Every orphaned row of the batch is removed in it.
  expect(usage.writes).toBeGreaterThanOrEqual(200);
});
