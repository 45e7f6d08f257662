/**
 * The drift doctor: finds Better Auth users without an app `users` row, app
 * rows without a Better Auth user, and emails held by several app rows; with
 * `repair` it creates the missing rows and removes the orphaned ones with the
 * data they own. The triggers (convex/userSync.ts) keep both sides in step;
 * this is for data written around them (imports, manual edits, old bugs).
 *
 * A run is a chain of scheduled internal mutations, each one bounded batch,
 * so it finishes on any number of users within the per-transaction limits.
 * Operators only (internal functions, reached with the deployment's admin key):
 *
 *   npx convex run doctor:run                      report
 *   npx convex run doctor:run '{"repair": true}'   report and repair
 *   npx convex run doctor:report                   the latest run's report
 */
import { ConvexError, v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import {
  internalMutation,
  internalQuery,
  type MutationCtx,
  type QueryCtx,
} from "./_generated/server";
import { authUsersExist, listAuthUsers, type AuthUser } from "./authData";
import { deleteAppRowAndData } from "./userData";
import { insertAppUser } from "./userSync";

/** Rows per step: a few hundred reads and writes, far below the limits. */
export const DOCTOR_BATCH = 200;
/** Ids kept per list in a run's report (the counts stay complete). */
export const DOCTOR_LIST_CAP = 1000;
/** Row ids kept per duplicate email. */
const GROUP_IDS_CAP = 10;

type Run = Doc<"doctorRuns">;
type RunState = Omit<Run, "_id" | "_creationTime">;

function pushCapped<T>(list: T[], item: T): void {
  if (list.length < DOCTOR_LIST_CAP) list.push(item);
}

/** Inserts a run and schedules its first step. */
export async function startRun(
  ctx: MutationCtx,
  repair: boolean,
): Promise<Id<"doctorRuns">> {
  const runId = await ctx.db.insert("doctorRuns", {
    repair,
    phase: "appUsers",
    cursor: null,
    lastEmailRows: 0,
    authUsersScanned: 0,
    appUsersScanned: 0,
    authUsersWithoutAppRow: { count: 0, ids: [] },
    appRowsWithoutAuthUser: { count: 0, ids: [] },
    duplicateEmails: { count: 0, rows: 0, groups: [] },
    createdAppRows: 0,
    removedAppRows: 0,
    notCreated: { count: 0, ids: [] },
    appRowsNotChecked: { count: 0, ids: [] },
    updatedAt: Date.now(),
  });
  await ctx.scheduler.runAfter(0, internal.doctor.step, { runId });
  return runId;
}

/** One batch of a run; schedules the next one until the run is done. */
export const step = internalMutation({
  args: { runId: v.id("doctorRuns") },
  handler: async (ctx, { runId }): Promise<null> => {
    const run = await ctx.db.get("doctorRuns", runId);
    if (!run || run.phase === "done") return null;
    const { _id, _creationTime, ...state } = run;
    if (state.phase === "appUsers") await scanAppRows(ctx, state);
    else await scanAuthUsers(ctx, state);

    state.updatedAt = Date.now();
    if (state.phase === "done") state.finishedAt = state.updatedAt;
    await ctx.db.replace("doctorRuns", runId, state);
    if (state.phase === "done") console.log(summary({ ...state, _id }));
    else await ctx.scheduler.runAfter(0, internal.doctor.step, { runId });
    return null;
  },
});

/**
 * App rows in `by_email` order: rows sharing an email are adjacent (emails
 * are stored lower case, so this is case-insensitive), and each row's auth
 * user is looked up in one component call per batch.
 */
async function scanAppRows(ctx: MutationCtx, state: RunState): Promise<void> {
  const result = await ctx.db
    .query("users")
    .withIndex("by_email")
    .paginate({ numItems: DOCTOR_BATCH, cursor: state.cursor });
  const exists = await authUsersExist(
    ctx,
    result.page.map((row) => row.authId),
  );
  for (const row of result.page) {
    state.appUsersScanned += 1;
    trackDuplicate(state, row);
    const found = exists.get(row.authId);
    if (found) continue;
    // Repair never deletes on a failed lookup.
    if (found === null) {
      state.appRowsNotChecked.count += 1;
      pushCapped(state.appRowsNotChecked.ids, row._id);
      continue;
    }
    state.appRowsWithoutAuthUser.count += 1;
    pushCapped(state.appRowsWithoutAuthUser.ids, row._id);
    if (state.repair) {
      // The row goes now, its notes in scheduled batches (convex/userData.ts).
      await deleteAppRowAndData(ctx, row);
      state.removedAppRows += 1;
    }
  }
  if (result.isDone) {
    state.phase = "authUsers";
    state.cursor = null;
  } else {
    state.cursor = result.continueCursor;
  }
}

function trackDuplicate(state: RunState, row: Doc<"users">): void {
  if (row.email !== state.lastEmail) {
    state.lastEmail = row.email;
    state.lastRowId = row._id;
    state.lastEmailRows = 1;
    return;
  }
  state.lastEmailRows += 1;
  const duplicates = state.duplicateEmails;
  if (state.lastEmailRows === 2) {
    duplicates.count += 1;
    duplicates.rows += 2;
    pushCapped(duplicates.groups, {
      email: row.email,
      userIds: [state.lastRowId ?? row._id, row._id],
    });
  } else {
    duplicates.rows += 1;
    const group = duplicates.groups.at(-1);
    if (group?.email === row.email && group.userIds.length < GROUP_IDS_CAP) {
      group.userIds.push(row._id);
    }
  }
  state.lastRowId = row._id;
}

/**
 * Better Auth users in the component's creation order, one component page
 * per step; each is checked against the `by_authId` index.
 */
async function scanAuthUsers(ctx: MutationCtx, state: RunState): Promise<void> {
  const result = await listAuthUsers(ctx, {
    numItems: DOCTOR_BATCH,
    cursor: state.cursor,
  });
  const authUsers = result.page;
  const rows = await Promise.all(
    authUsers.map((authUser) =>
      ctx.db
        .query("users")
        .withIndex("by_authId", (q) => q.eq("authId", authUser._id))
        .first(),
    ),
  );
  // Sequential: two missing users whose emails collide must see each other.
  for (const [index, authUser] of authUsers.entries()) {
    state.authUsersScanned += 1;
    if (rows[index]) continue;
    state.authUsersWithoutAppRow.count += 1;
    pushCapped(state.authUsersWithoutAppRow.ids, authUser._id);
    if (state.repair) await createAppRow(ctx, state, authUser);
  }
  if (result.isDone) {
    state.phase = "done";
    state.cursor = null;
  } else {
    state.cursor = result.continueCursor;
  }
}

/** The onCreate trigger's own insert, so the row is exactly what sign-up writes. */
async function createAppRow(
  ctx: MutationCtx,
  state: RunState,
  authUser: AuthUser,
): Promise<void> {
  try {
    await insertAppUser(ctx, authUser);
    state.createdAppRows += 1;
  } catch (error) {
    // insertAppUser checks before it writes, so nothing is left half done.
    const code =
      error instanceof ConvexError
        ? (error.data as { code?: string }).code
        : undefined;
    if (code !== "EMAIL_TAKEN") throw error;
    state.notCreated.count += 1;
    pushCapped(state.notCreated.ids, authUser._id);
  }
}

function summary(run: RunState & { _id: Id<"doctorRuns"> }): string {
  const found =
    `${run.authUsersWithoutAppRow.count} auth users without app row, ` +
    `${run.appRowsWithoutAuthUser.count} app rows without auth user, ` +
    `${run.duplicateEmails.count} duplicate emails (${run.duplicateEmails.rows} rows), ` +
    `${run.appRowsNotChecked.count} app rows not checked (lookup failed)`;
  const repaired = run.repair
    ? `; repaired: ${run.createdAppRows} app rows created (${run.notCreated.count} not: email taken), ` +
      `${run.removedAppRows} app rows removed (their notes in scheduled batches)`
    : "";
  return (
    `[doctor] run ${run._id} done: scanned ${run.authUsersScanned} auth users ` +
    `and ${run.appUsersScanned} app rows; ${found}${repaired}`
  );
}

export type DoctorReport = ReturnType<typeof toReport>;

function toReport(run: Run) {
  const list = <T>({ count, ids }: { count: number; ids: T[] }) => ({
    count,
    ids,
    truncated: ids.length < count,
  });
  return {
    runId: run._id,
    status: run.phase === "done" ? ("done" as const) : ("running" as const),
    phase: run.phase,
    repair: run.repair,
    startedAt: run._creationTime,
    finishedAt: run.finishedAt ?? null,
    // A running run whose last step is minutes old has stopped: see the logs.
    lastStepAt: run.updatedAt,
    scanned: {
      authUsers: run.authUsersScanned,
      appUsers: run.appUsersScanned,
    },
    authUsersWithoutAppRow: list(run.authUsersWithoutAppRow),
    appRowsWithoutAuthUser: list(run.appRowsWithoutAuthUser),
    appRowsNotChecked: list(run.appRowsNotChecked),
    duplicateEmails: {
      ...run.duplicateEmails,
      truncated: run.duplicateEmails.groups.length < run.duplicateEmails.count,
    },
    repaired: run.repair
      ? {
          createdAppRows: run.createdAppRows,
          removedAppRows: run.removedAppRows,
          notCreatedEmailTaken: list(run.notCreated),
        }
      : null,
  };
}

/** The report of a run, or of the latest run when no id is given. */
async function readReport(
  ctx: QueryCtx,
  runId?: Id<"doctorRuns">,
): Promise<DoctorReport | null> {
  const run = runId
    ? await ctx.db.get("doctorRuns", runId)
    : await ctx.db.query("doctorRuns").order("desc").first();
  return run ? toReport(run) : null;
}

/** Starts a run and returns its id; the run goes on in scheduled steps. */
export const run = internalMutation({
  args: { repair: v.optional(v.boolean()) },
  handler: async (ctx, { repair = false }) => {
    const runId = await startRun(ctx, repair);
    return {
      runId,
      hint: `Running in the background. Report: npx convex run doctor:report '{"runId":"${runId}"}' (status "done" when finished).`,
    };
  },
});

/** A run's report: `{"runId": …}`, or the latest run without args. */
export const report = internalQuery({
  args: { runId: v.optional(v.id("doctorRuns")) },
  handler: async (ctx, { runId }) => await readReport(ctx, runId),
});
