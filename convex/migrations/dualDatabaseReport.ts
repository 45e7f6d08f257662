/**
 * The dual-database migration's report, summed over its batches: what was
 * (or, in a dry run, would be) moved, created and refused. Pure functions.
 */
import {
  PROBLEM_KINDS,
  type Problem,
  type ProblemKind,
} from "./dualDatabaseProblems";
import { addProblems, emptyProblemList, type ProblemList } from "./problemList";

/** What one batch of app rows did (or would do). */
export type RowsBatch = {
  scanned: number;
  alreadyMoved: number;
  linkedById: number;
  linkedByEmail: number;
  linkedByOperator: number;
  refreshed: number;
  adminsMoved: number;
  /** Auth users that got (or would get) their row back: not missing in phase two. */
  linkedAuthIds: string[];
  problems: Problem[];
};

export type Report = {
  dryRun: boolean;
  linkField: string;
  /** Finished with nothing left to resolve: the transitional schema can go. */
  complete: boolean;
  appRows: Omit<RowsBatch, "linkedAuthIds" | "problems" | "adminsMoved">;
  adminsMoved: number;
  authUsersScanned: number;
  createdAppRows: number;
  /** Auth users without a row that a reported old row claims: created once it is resolved. */
  authUsersWaiting: number;
  problems: ProblemList<ProblemKind, Problem>;
};

export function emptyReport(dryRun: boolean, linkField: string): Report {
  return {
    dryRun,
    linkField,
    complete: false,
    appRows: {
      scanned: 0,
      alreadyMoved: 0,
      linkedById: 0,
      linkedByEmail: 0,
      linkedByOperator: 0,
      refreshed: 0,
    },
    adminsMoved: 0,
    authUsersScanned: 0,
    createdAppRows: 0,
    authUsersWaiting: 0,
    problems: emptyProblemList(PROBLEM_KINDS),
  };
}

export function addRowsBatch(report: Report, batch: RowsBatch): void {
  const rows = report.appRows;
  rows.scanned += batch.scanned;
  rows.alreadyMoved += batch.alreadyMoved;
  rows.linkedById += batch.linkedById;
  rows.linkedByEmail += batch.linkedByEmail;
  rows.linkedByOperator += batch.linkedByOperator;
  rows.refreshed += batch.refreshed;
  report.adminsMoved += batch.adminsMoved;
}

/** One line for the logs. */
export function summary(report: Report): string {
  const verb = report.dryRun ? "would link" : "linked";
  const rows = report.appRows;
  const kinds = Object.entries(report.problems.byKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  return (
    `[fromDualDatabase]${report.dryRun ? " DRY RUN (nothing written):" : ""} ` +
    `${rows.scanned} app rows: ${rows.alreadyMoved} already moved, ${verb} ${rows.linkedById} by auth id, ` +
    `${rows.linkedByEmail} by verified email (${rows.refreshed} refreshed); ` +
    `${report.adminsMoved} admins ${report.dryRun ? "to move" : "moved"} to the auth role; ` +
    `${report.authUsersScanned} auth users: ${report.createdAppRows} app rows ${report.dryRun ? "to create" : "created"}, ` +
    `${report.authUsersWaiting} waiting on reported rows; ` +
    `${report.problems.count} problems${kinds ? ` (${kinds})` : ""}` +
    (report.complete ? "; complete" : "")
  );
}

/** The pages the batches read: app rows first, then auth users. */
export type Phase = "appRows" | "authUsers";

/** A page position to resume from (printed to the logs after every batch). */
export type Position = { phase: Phase; cursor: string | null };

export type PageResult = { continueCursor: string; isDone: boolean };

/** One batch of phase two: auth users, each given an app row if it has none. */
export type CreateBatch = {
  scanned: number;
  created: number;
  /** Auth users without a row that an old, reported row claims. */
  waiting: number;
  /** Dry run only: auth users without a row, and whether an old row claims them. */
  missing: { authId: string; waiting: boolean }[];
  problems: Problem[];
};

/** How the driver runs one batch: a mutation from an action, or a measured one in tests. */
export type BatchRunner = {
  linkAppRows(args: {
    cursor: string | null;
    numItems: number;
    dryRun: boolean;
    linkField: string;
  }): Promise<PageResult & { batch: RowsBatch }>;
  createMissingAppRows(args: {
    cursor: string | null;
    numItems: number;
    dryRun: boolean;
    linkField: string;
  }): Promise<PageResult & { batch: CreateBatch }>;
};

export type DriveOptions = {
  dryRun: boolean;
  linkField: string;
  batchSize: number;
  from: Position;
  log: (line: string) => void;
};

/**
 * Runs every batch in order, one transaction each, and sums the report. A
 * failed batch stops the run with the position to resume from; rerunning
 * from the start is as good, since moved rows are skipped.
 */
export async function driveMigration(
  runner: BatchRunner,
  options: DriveOptions,
): Promise<Report> {
  const report = emptyReport(options.dryRun, options.linkField);
  const seen = new Set<string>();
  // Dry run: auth users a row would have been linked to in phase one.
  const linked = new Set<string>();
  let position = options.from;
  const common = { numItems: options.batchSize, dryRun: options.dryRun };
  while (position.phase === "appRows") {
    const page = await runner.linkAppRows({
      ...common,
      cursor: position.cursor,
      linkField: options.linkField,
    });
    addRowsBatch(report, page.batch);
    addProblems(report.problems, seen, page.batch.problems);
    page.batch.linkedAuthIds.forEach((authId) => linked.add(authId));
    position = page.isDone
      ? { phase: "authUsers", cursor: null }
      : { phase: "appRows", cursor: page.continueCursor };
    options.log(
      `[fromDualDatabase] next: ${JSON.stringify({ from: position })}`,
    );
  }
  for (;;) {
    const page = await runner.createMissingAppRows({
      ...common,
      cursor: position.cursor,
      linkField: options.linkField,
    });
    report.authUsersScanned += page.batch.scanned;
    report.createdAppRows += page.batch.created;
    report.authUsersWaiting += page.batch.waiting;
    addProblems(report.problems, seen, page.batch.problems);
    for (const missing of page.batch.missing) {
      if (linked.has(missing.authId)) continue;
      if (missing.waiting) report.authUsersWaiting += 1;
      else report.createdAppRows += 1;
    }
    if (page.isDone) break;
    position = { phase: "authUsers", cursor: page.continueCursor };
    options.log(
      `[fromDualDatabase] next: ${JSON.stringify({ from: position })}`,
    );
  }
  // Only a whole run proves there is nothing left.
  const wholeRun =
    options.from.phase === "appRows" && options.from.cursor === null;
  report.complete = wholeRun && !options.dryRun && report.problems.count === 0;
  options.log(summary(report));
  return report;
}
