import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { components, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { DOCTOR_BATCH } from "../convex/doctor";
import {
  appRowOf,
  makeBackend,
  newUser,
  type Backend,
} from "./support/backend";
import { appUserRow } from "./support/fixtures";

// convex-test answers an index lookup by scanning the whole table, so the
// doctor's one lookup per auth user is quadratic here: 2000 users keep the
// three runs below at about 25 s on 2 cores (3000 take about 55 s).
const USERS = 2000;
const CHUNK = 500;

const emailOf = (i: number) => `user${i}@example.com`;

/**
 * Creates auth users and their app rows as the onCreate trigger would, in one
 * go: running the trigger itself triples the time convex-test needs, as each
 * of its index lookups scans the whole table there.
 */
async function seedUsers(t: Backend, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const chunk = await t.run(async (ctx) => {
      const created: string[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i++) {
        const fields = {
          name: `User ${i}`,
          email: emailOf(i),
          emailVerified: i % 2 === 0,
          createdAt: 1_700_000_000_000 + i,
        };
        const user = (await ctx.runMutation(
          components.betterAuth.adapter.create,
          {
            input: {
              model: "user",
              data: { ...fields, updatedAt: fields.createdAt },
            },
          },
        )) as { _id: string };
        await ctx.db.insert(
          "users",
          appUserRow({
            ...fields,
            authId: user._id,
            image: null,
            updatedAt: fields.createdAt,
          }),
        );
        created.push(user._id);
      }
      return created;
    });
    ids.push(...chunk);
  }
  return ids;
}

/** Deletes auth users without the onDelete trigger: their app rows stay. */
async function deleteAuthUsersBehindTheTrigger(t: Backend, authIds: string[]) {
  await t.run(async (ctx) => {
    for (const authId of authIds) {
      await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
        input: { model: "user", where: [{ field: "_id", value: authId }] },
      });
    }
  });
}

/** Ids that once were auth users and no longer are. */
async function deadAuthIds(t: Backend, count: number): Promise<string[]> {
  const ids = await t.run(async (ctx) => {
    const created: string[] = [];
    for (let i = 0; i < count; i++) {
      const user = (await ctx.runMutation(
        components.betterAuth.adapter.create,
        {
          input: {
            model: "user",
            data: {
              name: `Ghost ${i}`,
              email: `ghost${i}@example.com`,
              emailVerified: false,
              createdAt: 0,
              updatedAt: 0,
            },
          },
        },
      )) as { _id: string };
      created.push(user._id);
    }
    return created;
  });
  await deleteAuthUsersBehindTheTrigger(t, ids);
  return ids;
}

async function insertAppRow(
  t: Backend,
  row: { authId: string; email: string; name: string },
): Promise<Id<"users">> {
  return await t.run(
    async (ctx) =>
      await ctx.db.insert(
        "users",
        appUserRow({
          ...row,
          image: null,
        }),
      ),
  );
}

async function addNotes(t: Backend, userId: Id<"users">, count: number) {
  await t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      await ctx.db.insert("notes", { userId, text: `note ${i}` });
    }
  });
}

type AuthUserRow = { _id: string; email: string; name: string };

/** Both sides in full (test data only: `.collect()` is fine here). */
async function snapshot(t: Backend) {
  return await t.run(async (ctx) => {
    const authUsers: AuthUserRow[] = [];
    let cursor: string | null = null;
    for (;;) {
      const result: {
        page: AuthUserRow[];
        isDone: boolean;
        continueCursor: string;
      } = await ctx.runQuery(components.betterAuth.adapter.findMany, {
        model: "user",
        paginationOpts: { numItems: 1000, cursor },
      });
      authUsers.push(...result.page);
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    return {
      authUsers,
      appRows: await ctx.db.query("users").collect(),
      notes: await ctx.db.query("notes").collect(),
    };
  });
}

async function runDoctor(t: Backend, repair: boolean) {
  const started = await t.mutation(internal.doctor.run, { repair });
  expect(started.hint).toContain(started.runId);
  const running = await t.query(internal.doctor.report, {
    runId: started.runId,
  });
  expect(running?.status).toBe("running");
  await t.finishAllScheduledFunctions(vi.runAllTimers, 10_000);
  // Without args: the latest run, which is this one.
  const report = await t.query(internal.doctor.report, {});
  expect(report?.runId).toBe(started.runId);
  // Batched: one scheduled step per page of either side at least.
  const steps = await t.run(async (ctx) =>
    (await ctx.db.system.query("_scheduled_functions").collect()).filter(
      (job) =>
        job.name.includes("step") && job.args[0]?.runId === report!.runId,
    ),
  );
  expect(steps.length).toBeGreaterThanOrEqual(
    Math.ceil(report!.scanned.appUsers / DOCTOR_BATCH) +
      Math.ceil(report!.scanned.authUsers / DOCTOR_BATCH),
  );
  expect(steps.every((job) => job.state.kind === "success")).toBe(true);
  return report!;
}

const sorted = <T extends string>(ids: T[]) => [...ids].sort();

describe("the drift doctor", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  test("reports drift on both sides exactly, repairs it, and a second repair finds nothing", async () => {
    const t = makeBackend();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const authIds = await seedUsers(t, USERS);
    const rowOf = async (authId: string) =>
      (await t.run(
        async (ctx) =>
          await ctx.db
            .query("users")
            .withIndex("by_authId", (q) => q.eq("authId", authId))
            .unique(),
      ))!;

    // Auth users whose app row was deleted.
    const missing = [10, 11, 12, 13, 14].map((i) => authIds[i]!);
    for (const authId of missing) {
      const row = await rowOf(authId);
      await t.run(async (ctx) => await ctx.db.delete("users", row._id));
    }
    // App rows whose auth user was deleted behind the trigger, some with notes.
    const deletedAuthIds = [100, 101, 102, 103].map((i) => authIds[i]!);
    const orphanedByDelete = await Promise.all(
      deletedAuthIds.map(async (authId) => (await rowOf(authId))._id),
    );
    await deleteAuthUsersBehindTheTrigger(t, deletedAuthIds);
    await addNotes(t, orphanedByDelete[0]!, 3);
    // More notes than one batch removes: that removal spans several batches
    // (convex/userData.ts), scheduled after the row itself is gone.
    await addNotes(t, orphanedByDelete[1]!, 1100);
    // A live user's notes must survive.
    const liveRow = await rowOf(authIds[0]!);
    await addNotes(t, liveRow._id, 2);

    const dead = await deadAuthIds(t, 4);
    // Not even a valid component id (e.g. imported data).
    const imported = await insertAppRow(t, {
      authId: "imported-user-1",
      email: "imported@example.com",
      name: "Imported",
    });
    // Holds the email of an auth user that lost its row: repair must remove
    // it before it can recreate that user's row.
    const staleHolder = await insertAppRow(t, {
      authId: dead[0]!,
      email: emailOf(10),
      name: "Stale",
    });
    // Duplicate emails: orphans sharing a live user's email.
    const live20 = (await rowOf(authIds[20]!))._id;
    const dup20a = await insertAppRow(t, {
      authId: dead[1]!,
      email: emailOf(20),
      name: "Dup 20 a",
    });
    const dup20b = await insertAppRow(t, {
      authId: dead[2]!,
      email: emailOf(20),
      name: "Dup 20 b",
    });
    // A duplicate split by a batch boundary: its twin is the last row of the
    // first batch in `by_email` order, the duplicate the first of the second.
    const twin = await t.run(
      async (ctx) =>
        (await ctx.db.query("users").withIndex("by_email").collect())[
          DOCTOR_BATCH - 1
        ]!,
    );
    const dupBoundary = await insertAppRow(t, {
      authId: dead[3]!,
      email: twin.email,
      name: "Dup boundary",
    });
    const orphans = [
      ...orphanedByDelete,
      imported,
      staleHolder,
      dup20a,
      dup20b,
      dupBoundary,
    ];

    const before = await snapshot(t);
    expect(before.authUsers).toHaveLength(USERS - 4);
    expect(before.appRows).toHaveLength(USERS);

    // 1. Report only: exact findings, nothing changed.
    const report = await runDoctor(t, false);
    expect(report).toMatchObject({
      status: "done",
      phase: "done",
      repair: false,
      scanned: { authUsers: USERS - 4, appUsers: USERS },
      repaired: null,
    });
    expect(report.finishedAt).toEqual(expect.any(Number));
    expect(report.authUsersWithoutAppRow.count).toBe(5);
    expect(report.authUsersWithoutAppRow.truncated).toBe(false);
    expect(sorted(report.authUsersWithoutAppRow.ids)).toEqual(sorted(missing));
    expect(report.appRowsWithoutAuthUser.count).toBe(orphans.length);
    expect(report.appRowsWithoutAuthUser.truncated).toBe(false);
    expect(sorted(report.appRowsWithoutAuthUser.ids)).toEqual(sorted(orphans));
    expect(report.appRowsNotChecked).toEqual({
      count: 0,
      ids: [],
      truncated: false,
    });
    const groups = [
      { email: emailOf(20), userIds: [live20, dup20a, dup20b] },
      { email: twin.email, userIds: [twin._id, dupBoundary] },
    ].sort((a, b) => (a.email < b.email ? -1 : 1));
    expect(report.duplicateEmails).toEqual({
      count: 2,
      rows: 5,
      truncated: false,
      groups,
    });
    expect(await snapshot(t)).toEqual(before);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `^\\[doctor\\] run ${report.runId} done: .*5 auth users without app row, ${orphans.length} app rows without auth user, 2 duplicate emails`,
        ),
      ),
    );

    // 2. Repair: same findings, then the invariant holds exactly.
    const repair = await runDoctor(t, true);
    expect(repair.authUsersWithoutAppRow).toEqual(
      report.authUsersWithoutAppRow,
    );
    expect(repair.appRowsWithoutAuthUser).toEqual(
      report.appRowsWithoutAuthUser,
    );
    expect(repair.duplicateEmails).toEqual(report.duplicateEmails);
    expect(repair.repaired).toEqual({
      createdAppRows: 5,
      removedAppRows: orphans.length,
      notCreatedEmailTaken: { count: 0, ids: [], truncated: false },
    });

    const after = await snapshot(t);
    expect(after.authUsers).toEqual(before.authUsers);
    expect(after.appRows).toHaveLength(after.authUsers.length);
    const rowsByAuthId = new Map(after.appRows.map((row) => [row.authId, row]));
    expect(rowsByAuthId.size).toBe(after.appRows.length); // one row per auth user
    for (const authUser of after.authUsers) {
      expect(rowsByAuthId.get(authUser._id)?.email).toBe(authUser.email);
    }
    for (const authId of missing) {
      const i = authIds.indexOf(authId);
      expect(rowsByAuthId.get(authId)).toMatchObject({
        name: `User ${i}`,
        email: emailOf(i),
        role: "user",
        createdAt: 1_700_000_000_000 + i,
      });
    }
    const rowIds = new Set(after.appRows.map((row) => row._id));
    expect(orphans.some((id) => rowIds.has(id))).toBe(false);
    // Only the live user's notes are left.
    expect(after.notes.map((note) => note.userId)).toEqual([
      liveRow._id,
      liveRow._id,
    ]);

    // 3. A second repair finds nothing and changes nothing.
    const again = await runDoctor(t, true);
    expect(again).toMatchObject({
      status: "done",
      scanned: { authUsers: USERS - 4, appUsers: USERS - 4 },
      authUsersWithoutAppRow: { count: 0, ids: [] },
      appRowsWithoutAuthUser: { count: 0, ids: [] },
      appRowsNotChecked: { count: 0, ids: [] },
      duplicateEmails: { count: 0, rows: 0, groups: [] },
      repaired: {
        createdAppRows: 0,
        removedAppRows: 0,
        notCreatedEmailTaken: { count: 0, ids: [] },
      },
    });
    expect(await snapshot(t)).toEqual(after);
  }, 120_000);

  test("repair gives an admin's missing app row back its role, and createAdminUser then has nothing to do", async () => {
    const t = makeBackend();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const admin = newUser("admin");
    const bootstrap = await t.action(internal.adminSetup.createAdminUser, {
      email: admin.email,
      name: admin.name,
      password: admin.password,
    });
    const lost = await appRowOf(t, admin.email);
    expect(lost.role).toBe("admin");
    // Drift: the app row goes behind the triggers' back.
    await t.run(async (ctx) => await ctx.db.delete("users", lost._id));

    const report = await runDoctor(t, true);
    expect(report.authUsersWithoutAppRow).toEqual({
      count: 1,
      ids: [bootstrap.authId],
      truncated: false,
    });
    expect(report.repaired?.createdAppRows).toBe(1);
    // The row as it was, role "admin" included; only the ids and times are new.
    const repaired = await appRowOf(t, admin.email);
    expect(repaired).toEqual({
      ...lost,
      _id: repaired._id,
      _creationTime: repaired._creationTime,
      updatedAt: repaired.updatedAt,
    });

    // Idempotent, as documented: the admin and the row are already there.
    const again = await t.action(internal.adminSetup.createAdminUser, {
      email: admin.email,
      name: admin.name,
    });
    expect(again).toMatchObject({
      email: admin.email,
      authId: bootstrap.authId,
      userId: repaired._id,
      created: false,
      promoted: false,
      repairedAppRow: false,
    });
    expect(await appRowOf(t, admin.email)).toEqual(repaired);
  });

  test("repair leaves a missing row whose email another live user holds, and says so", async () => {
    const t = makeBackend();
    vi.spyOn(console, "log").mockImplementation(() => {});
    await seedUsers(t, 3);
    // Two auth users whose emails differ only in case (the component's
    // uniqueness is case-sensitive; app emails are lower case).
    const [shadow] = await t.run(async (ctx) => [
      (
        (await ctx.runMutation(components.betterAuth.adapter.create, {
          input: {
            model: "user",
            data: {
              name: "Shadow",
              email: emailOf(1).toUpperCase(),
              emailVerified: false,
              createdAt: 0,
              updatedAt: 0,
            },
          },
        })) as { _id: string }
      )._id,
    ]);
    const before = await snapshot(t);

    for (const _run of [1, 2]) {
      const report = await runDoctor(t, true);
      expect(report.authUsersWithoutAppRow).toEqual({
        count: 1,
        ids: [shadow],
        truncated: false,
      });
      expect(report.repaired).toEqual({
        createdAppRows: 0,
        removedAppRows: 0,
        notCreatedEmailTaken: { count: 1, ids: [shadow], truncated: false },
      });
      expect(await snapshot(t)).toEqual(before);
    }
  });
});
