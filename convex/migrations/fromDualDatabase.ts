/**
 * Moves a "dual-database" app (Better Auth's tables plus an app `users`
 * table that a `syncFromAuth` mutation filled on first login) onto this
 * starter: every old row linked to its auth user and rewritten from it,
 * `isAdmin` moved into the auth user's role, missing rows created by the
 * onCreate trigger's own code, and whatever can't be decided reported with
 * its fix. Steps and reasons: docs/migrating-from-dual-database.md.
 *
 * Operators only (internal functions, reached with the deployment's key):
 *
 *   npx convex run migrations/fromDualDatabase:run '{"dryRun": true}'
 *   npx convex run migrations/fromDualDatabase:run
 *   npx convex run migrations/fromDualDatabase:run '{"linkField": "userId"}'
 *   npx convex run migrations/fromDualDatabase:linkAppRow '{"userId": "…", "authId": "…"}'
 *   npx convex run migrations/fromDualDatabase:removeAppRow '{"userId": "…"}'
 *
 * Idempotent: a moved row is skipped, so a run can be repeated or resumed
 * (`{"from": …}`, printed after every batch) at any point.
 */
import { v } from "convex/values";
import { appError } from "../errors";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import {
  internalAction,
  internalMutation,
  type MutationCtx,
} from "../_generated/server";
import { listAuthUsers, type AuthUser } from "../authData";
import { appUserByAuthId } from "../model/users";
import { deleteAppRowAndData } from "../userData";
import { insertAppUser, mirroredFields } from "../userSync";
import { claimingRows, linkRow } from "./dualDatabaseLink";
import type { Problem } from "./dualDatabaseProblems";
import {
  driveMigration,
  type CreateBatch,
  type Report,
  type RowsBatch,
} from "./dualDatabaseReport";
import { DEFAULT_LINK_FIELD, readStoredRow } from "./dualDatabaseRows";
import { LEGACY_LINK_FIELDS } from "./dualDatabaseSchema";

/**
 * Rows per transaction: each row costs about ten reads and three writes, so
 * a batch stays far inside Convex's limits (32,000 reads, 16,000 writes, 1 s).
 */
export const MIGRATION_BATCH = 100;

const batchArgs = {
  cursor: v.union(v.string(), v.null()),
  numItems: v.number(),
  dryRun: v.boolean(),
};

function emptyRowsBatch(): RowsBatch {
  return {
    scanned: 0,
    alreadyMoved: 0,
    linkedById: 0,
    linkedByEmail: 0,
    linkedByOperator: 0,
    refreshed: 0,
    adminsMoved: 0,
    linkedAuthIds: [],
    problems: [],
  };
}

/** Phase one: a page of app rows, each linked (or reported) in this transaction. */
export const linkAppRows = internalMutation({
  args: { ...batchArgs, linkField: v.string() },
  handler: async (ctx, { cursor, numItems, dryRun, linkField }) => {
    const page = await ctx.db.query("users").paginate({ numItems, cursor });
    const batch = emptyRowsBatch();
    // In order: a row moved here frees or takes an email the next one checks.
    for (const row of page.page) {
      batch.scanned += 1;
      const outcome = await linkRow(ctx, row, { linkField, dryRun });
      if (outcome.kind === "moved") batch.alreadyMoved += 1;
      else if (outcome.kind === "problem") batch.problems.push(outcome.problem);
      else {
        if (outcome.via === "id") batch.linkedById += 1;
        else batch.linkedByEmail += 1;
        if (outcome.refreshed) batch.refreshed += 1;
        if (outcome.adminMoved) batch.adminsMoved += 1;
        batch.linkedAuthIds.push(outcome.authId);
      }
    }
    return { continueCursor: page.continueCursor, isDone: page.isDone, batch };
  },
});

function notCreated(authUser: AuthUser, holders: Doc<"users">[]): Problem {
  const email = mirroredFields(authUser).email;
  const ids = holders.map((row) => row._id);
  return {
    kind: "notCreated",
    userIds: ids,
    authId: authUser._id,
    email,
    detail: `Auth user ${authUser._id} has no app row, and the app row of another user (${ids.join(", ")}) holds its email ${email}.`,
    fix: "Run the drift doctor (npx convex run doctor:run) and correct the other user's row in the admin console; then run again.",
  };
}

/**
 * Phase two: a page of auth users; each without an app row gets one from
 * the onCreate trigger's own insert (convex/userSync.ts), so it is exactly
 * the row a sign-up writes. One still claimed by an old row that phase one
 * reported waits for that row's fix: a second row would be a duplicate.
 */
export const createMissingAppRows = internalMutation({
  args: { ...batchArgs, linkField: v.string() },
  handler: async (ctx, { cursor, numItems, dryRun, linkField }) => {
    const page = await listAuthUsers(ctx, { cursor, numItems });
    const batch: CreateBatch = {
      scanned: 0,
      created: 0,
      waiting: 0,
      missing: [],
      problems: [],
    };
    for (const authUser of page.page) {
      batch.scanned += 1;
      // The common case, one indexed read: the user has its moved row.
      const own = await appUserByAuthId(ctx, authUser._id).catch(() => null);
      if (own && readStoredRow(own, linkField).kind === "moved") continue;
      const email = mirroredFields(authUser).email;
      const claims = await claimingRows(ctx, authUser._id, [email], linkField);
      const moved = claims.filter(
        (row) => readStoredRow(row, linkField).kind === "moved",
      );
      if (moved.some((row) => row.authId === authUser._id)) continue;
      if (moved.length > 0) {
        batch.problems.push(notCreated(authUser, moved));
        continue;
      }
      // Old rows claim it: in a dry run phase one may have linked one.
      const waiting = claims.length > 0;
      if (dryRun) batch.missing.push({ authId: authUser._id, waiting });
      else if (waiting) batch.waiting += 1;
      else {
        await insertAppUser(ctx, authUser);
        batch.created += 1;
      }
    }
    return { continueCursor: page.continueCursor, isDone: page.isDone, batch };
  },
});

const positionValidator = v.object({
  phase: v.union(v.literal("appRows"), v.literal("authUsers")),
  cursor: v.union(v.string(), v.null()),
});

/**
 * The whole migration, one batch per transaction; returns (and logs) the
 * report. `dryRun` decides everything and writes nothing.
 */
export const run = internalAction({
  args: {
    dryRun: v.optional(v.boolean()),
    // The old row's field holding the Better Auth user id.
    linkField: v.optional(v.string()),
    batchSize: v.optional(v.number()),
    from: v.optional(positionValidator),
  },
  handler: async (ctx, args): Promise<Report> => {
    const batchSize = args.batchSize ?? MIGRATION_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500) {
      throw appError(
        "INVALID_INPUT",
        "batchSize is a whole number from 1 to 500.",
      );
    }
    return await driveMigration(
      {
        linkAppRows: (batch) =>
          ctx.runMutation(
            internal.migrations.fromDualDatabase.linkAppRows,
            batch,
          ),
        createMissingAppRows: (batch) =>
          ctx.runMutation(
            internal.migrations.fromDualDatabase.createMissingAppRows,
            batch,
          ),
      },
      {
        dryRun: args.dryRun ?? false,
        linkField: checkedLinkField(args.linkField),
        batchSize,
        from: args.from ?? { phase: "appRows", cursor: null },
        log: (line) => console.log(line),
      },
    );
  },
});

/** The link field must be indexed during the transition (./dualDatabaseSchema.ts). */
function checkedLinkField(linkField: string | undefined): string {
  const field = linkField ?? DEFAULT_LINK_FIELD;
  const known: readonly string[] = ["authId", ...LEGACY_LINK_FIELDS];
  if (!known.includes(field)) {
    throw appError(
      "INVALID_INPUT",
      `linkField is one of ${known.join(", ")}: add "${field}" to LEGACY_LINK_FIELDS and LEGACY_USERS_FIELDS in convex/migrations/dualDatabaseSchema.ts first.`,
    );
  }
  return field;
}

async function storedRow(ctx: MutationCtx, userId: Doc<"users">["_id"]) {
  const row = await ctx.db.get("users", userId);
  if (!row) throw appError("NOT_FOUND", `No app row ${userId}.`);
  return row;
}

/**
 * An operator's decision for a reported row: link it to this auth user,
 * which it is then rewritten from (its admin flag moved), in one
 * transaction. Refused while another row claims the user or its email.
 */
export const linkAppRow = internalMutation({
  args: {
    userId: v.id("users"),
    authId: v.string(),
    linkField: v.optional(v.string()),
  },
  handler: async (ctx, { userId, authId, linkField }) => {
    const outcome = await linkRow(ctx, await storedRow(ctx, userId), {
      linkField: checkedLinkField(linkField),
      dryRun: false,
      confirmedAuthId: authId,
    });
    if (outcome.kind === "moved") {
      throw appError("INVALID_INPUT", `${userId} is moved already.`);
    }
    if (outcome.kind === "problem") {
      throw appError(
        "INVALID_INPUT",
        `${outcome.problem.detail} ${outcome.problem.fix}`,
      );
    }
    return outcome;
  },
});

/**
 * Removes an old row that is no one's (its auth user is gone, or it was a
 * duplicate), with the data it owns (convex/userData.ts). Moved rows are
 * refused: those belong to live users and go through the admin console.
 */
export const removeAppRow = internalMutation({
  args: { userId: v.id("users"), linkField: v.optional(v.string()) },
  handler: async (ctx, { userId, linkField }) => {
    const row = await storedRow(ctx, userId);
    if (readStoredRow(row, checkedLinkField(linkField)).kind === "moved") {
      throw appError(
        "INVALID_INPUT",
        `${userId} is a moved row of a live user: delete the user in the admin console instead.`,
      );
    }
    await deleteAppRowAndData(ctx, row);
    return { removed: userId };
  },
});
