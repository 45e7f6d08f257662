/**
 * Database reads and writes per transaction, measured with Convex's
 * transaction metrics (`ctx.meta.getTransactionMetrics()`, which convex-test
 * implements). Shared by tests/readBudgets.test.ts and
 * tests/transactionBudgets.test.ts, which fail over budget, and `npm run
 * bench`, which prints the figures.
 */
import { makeFunctionReference } from "convex/server";
import { api, components, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { DOCTOR_BATCH, startRun } from "../../convex/doctor";
import {
  asSession,
  finishScheduled,
  makeBackend,
  newUser,
  signInSession,
  signUp,
  type Backend,
  type TransactionLimits,
} from "./backend";
import { appUserRow } from "./fixtures";

export const NOTES_STORED = 300;
export const USERS_STORED = 10_000;
export const PAGE_SIZE = 25;

/** Most documents one call may read: O(1) for a user's own data, O(page) for the admin list. */
export const READ_BUDGETS = {
  me: 5,
  notesList: 100 + 5,
  adminList: PAGE_SIZE + 6,
  adminSearch: PAGE_SIZE + 6,
};

/**
 * Convex's limits per query or mutation (get-convex/convex-backend,
 * crates/common/src/knobs.rs: TRANSACTION_MAX_READ_SIZE_ROWS,
 * TRANSACTION_MAX_NUM_USER_WRITES).
 */
export const CONVEX_LIMITS: TransactionLimits = {
  documentsRead: 32_000,
  documentsWritten: 16_000,
};

/**
 * What any one transaction may read and write in the tests that enforce it:
 * an eighth of Convex's limits, so data growth is caught long before a
 * deployment would refuse.
 */
export const TRANSACTION_BUDGET: TransactionLimits = {
  documentsRead: 4_000,
  documentsWritten: 2_000,
};

/** One user's data in the deletion figures and tests. */
export const NOTES_AT_SCALE = 20_000;
export const SESSIONS_AT_SCALE = 500;

type RunCtx = Parameters<Parameters<Backend["run"]>[0]>[0];
export type Usage = { reads: number; writes: number };

/** Documents read and written by `call`, a nested transaction inside `t.run`. */
export async function usageOf(
  client: Pick<Backend, "run">,
  call: (ctx: RunCtx) => Promise<unknown>,
): Promise<Usage> {
  return await client.run(async (ctx: RunCtx) => {
    const before = await ctx.meta.getTransactionMetrics();
    await call(ctx);
    const after = await ctx.meta.getTransactionMetrics();
    return {
      reads: after.documentsRead.used - before.documentsRead.used,
      writes: after.documentsWritten.used - before.documentsWritten.used,
    };
  });
}

/** Documents read by one call of the public query `name`. */
async function documentsRead(
  client: Pick<Backend, "run">,
  name: string,
  args: Record<string, unknown> = {},
): Promise<number> {
  const usage = await usageOf(client, (ctx) =>
    ctx.runQuery(makeFunctionReference<"query">(name), args),
  );
  return usage.reads;
}

/** Gives a user `count` notes, a budget-sized transaction at a time. */
export async function seedNotes(
  t: Backend,
  userId: Id<"users">,
  count: number,
): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        await ctx.db.insert("notes", { userId, text: `note ${i}` });
      }
    });
  }
}

/** Gives an auth user `count` extra (live) sessions, as many sign-ins would. */
export async function seedSessions(
  t: Backend,
  authId: string,
  count: number,
): Promise<void> {
  await t.run(async (ctx) => {
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      await ctx.runMutation(components.betterAuth.adapter.create, {
        input: {
          model: "session",
          data: {
            userId: authId,
            token: `seeded-${authId}-${i}`,
            expiresAt: now + 86_400_000,
            createdAt: now,
            updatedAt: now,
          },
        },
      });
    }
  });
}

/**
 * Deleting a user with NOTES_AT_SCALE notes and SESSIONS_AT_SCALE sessions:
 * the admin's delete (auth user, trigger, app row: one transaction), then one
 * batch of each kind of owned data. Every transaction of the run is held to
 * TRANSACTION_BUDGET, so this throws rather than report an outsized figure.
 */
export async function deletionFigures() {
  const t = makeBackend({ transactionLimits: TRANSACTION_BUDGET });
  const admin = newUser("admin");
  await t.action(internal.adminSetup.createAdminUser, admin);
  const asAdmin = await asSession(t, await signInSession(t, admin));
  const leaving = await signUp(t, newUser("leaving"));
  const row = await (await asSession(t, leaving)).query(api.users.me, {});
  if (!row) throw new Error("The signed-up user has no app row.");
  await seedNotes(t, row._id, NOTES_AT_SCALE);
  await seedSessions(t, leaving.userId, SESSIONS_AT_SCALE);

  const deleteUser = await usageOf(asAdmin, (ctx) =>
    ctx.runMutation(makeFunctionReference<"mutation">("admin:deleteUser"), {
      userId: row._id,
    }),
  );
  const notesBatch = await usageOf(t, (ctx) =>
    ctx.runMutation(internal.userData.removeOwnedRows, {
      table: "notes",
      userId: row._id,
    }),
  );
  const sessionsBatch = await usageOf(t, (ctx) =>
    ctx.runMutation(internal.userData.removeAuthRows, {
      model: "session",
      authId: leaving.userId,
    }),
  );
  return { deleteUser, notesBatch, sessionsBatch, t, row };
}

/** `users:me` and `notes:list` for a user with NOTES_STORED notes. */
export async function userReads() {
  const t = makeBackend();
  const asUser = await asSession(t, await signUp(t, newUser()));
  const me = await asUser.query(api.users.me, {});
  if (!me) throw new Error("The signed-up user has no app row.");
  await t.run(async (ctx) => {
    for (let i = 0; i < NOTES_STORED; i++)
      await ctx.db.insert("notes", { userId: me._id, text: `note ${i}` });
  });
  return {
    me: await documentsRead(asUser, "users:me"),
    notesList: await documentsRead(asUser, "notes:list"),
  };
}

/** `admin:listUsers`, one page, plain and searching, among USERS_STORED users. */
export async function adminReads() {
  const t = makeBackend();
  const admin = newUser("admin");
  await t.action(internal.adminSetup.createAdminUser, admin);
  const asAdmin = await asSession(t, await signInSession(t, admin));
  await t.run(async (ctx) => {
    for (let i = 0; i < USERS_STORED; i++) {
      await ctx.db.insert(
        "users",
        appUserRow({
          authId: `seed-${i}`,
          email: `seed${i}@example.com`,
          name: `Seed ${i}`,
          createdAt: i,
          updatedAt: i,
        }),
      );
    }
  });
  const paginationOpts = { numItems: PAGE_SIZE, cursor: null };
  return {
    adminList: await documentsRead(asAdmin, "admin:listUsers", {
      paginationOpts,
    }),
    adminSearch: await documentsRead(asAdmin, "admin:listUsers", {
      search: "seed99",
      paginationOpts,
    }),
  };
}

/**
 * One step of a drift doctor repair over DOCTOR_BATCH orphaned app rows, each
 * with notes: the doctor's heaviest step (every row is looked up, removed,
 * and its notes' removal scheduled).
 */
export async function doctorStepFigures(): Promise<Usage> {
  const t = makeBackend({ transactionLimits: TRANSACTION_BUDGET });
  const orphans = await t.run(async (ctx) => {
    const ids: Id<"users">[] = [];
    for (let i = 0; i < DOCTOR_BATCH; i++) {
      ids.push(
        await ctx.db.insert(
          "users",
          appUserRow({
            authId: `gone-${i}`,
            email: `gone${i}@example.com`,
            name: `Gone ${i}`,
            emailVerified: true,
            createdAt: i,
            updatedAt: i,
          }),
        ),
      );
    }
    return ids;
  });
  for (const userId of orphans.slice(0, 5)) await seedNotes(t, userId, 1000);
  const runId = await t.run(async (ctx) => {
    const id = await startRun(ctx, true);
    // The step is measured below, not left to the scheduler.
    for (const job of await ctx.db.system
      .query("_scheduled_functions")
      .collect()) {
      await ctx.scheduler.cancel(job._id);
    }
    return id;
  });
  const usage = await usageOf(t, (ctx) =>
    ctx.runMutation(internal.doctor.step, { runId }),
  );
  // Let the run and the batches it scheduled finish here, not behind later
  // measurements.
  await finishScheduled(t);
  return usage;
}
