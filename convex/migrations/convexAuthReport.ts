/**
 * The Convex Auth migration's report and its driver: a read-only first pass
 * for emails several users share, then the users a batch at a time, one
 * transaction each. Pure apart from the runner it is given.
 */
import type { Id } from "../_generated/dataModel";
import type { PasswordHashing } from "./convexAuthAccounts";
import type { MoveOutcome } from "./convexAuthMove";
import {
  CONVEX_AUTH_PROBLEM_KINDS,
  type ConvexAuthProblem,
  type ConvexAuthProblemKind,
} from "./convexAuthProblems";
import {
  addProblems,
  emptyProblemList,
  PROBLEM_LIST_CAP,
  type ProblemList,
} from "./problemList";

/** A user moved without a password Better Auth can verify. */
export type PasswordReset = {
  userId: Id<"users">;
  email: string | null;
  reason: string;
};

/** What one batch of users did (or would do). */
export type MoveBatch = {
  scanned: number;
  alreadyMoved: number;
  moved: number;
  emailVerified: number;
  namesFromEmail: number;
  passwordsCarried: number;
  oauthAccounts: number;
  passwordResets: PasswordReset[];
  problems: ConvexAuthProblem[];
};

export type ConvexAuthReport = {
  dryRun: boolean;
  passwordHashing: PasswordHashing;
  /** Finished with nothing left to resolve: the old tables can be cleared. */
  complete: boolean;
  users: UserCounts;
  /** Users whose next sign-in sets a new password ("Forgot password?"). */
  passwordResets: {
    count: number;
    list: PasswordReset[];
    truncated: boolean;
  };
  problems: ProblemList<ConvexAuthProblemKind, ConvexAuthProblem>;
};

type UserCounts = Omit<MoveBatch, "passwordResets" | "problems">;

function emptyUserCounts(): UserCounts {
  return {
    scanned: 0,
    alreadyMoved: 0,
    moved: 0,
    emailVerified: 0,
    namesFromEmail: 0,
    passwordsCarried: 0,
    oauthAccounts: 0,
  };
}

export function emptyMoveBatch(): MoveBatch {
  return { ...emptyUserCounts(), passwordResets: [], problems: [] };
}

/** Counts one user's outcome into its batch. */
export function countOutcome(
  batch: MoveBatch,
  userId: Id<"users">,
  email: string | null,
  outcome: MoveOutcome,
): void {
  batch.scanned += 1;
  if (outcome.kind === "moved") batch.alreadyMoved += 1;
  else if (outcome.kind === "problem") batch.problems.push(outcome.problem);
  else {
    batch.moved += 1;
    if (outcome.emailVerified) batch.emailVerified += 1;
    if (outcome.nameFromEmail) batch.namesFromEmail += 1;
    batch.oauthAccounts += outcome.oauthAccounts;
    if (outcome.password?.kind === "carried") batch.passwordsCarried += 1;
    if (outcome.password?.kind === "reset") {
      batch.passwordResets.push({
        userId,
        email,
        reason: outcome.password.reason,
      });
    }
  }
}

export type PageResult = { continueCursor: string; isDone: boolean };

/** A user's email as the first pass reads it; null: not a movable row. */
export type UnmovedEmail = { userId: Id<"users">; email: string | null };

export type DuplicateGroup = { email: string; userIds: Id<"users">[] };

/** How the driver runs one batch: a function call from an action, or a measured one in tests. */
export type ConvexAuthRunner = {
  unmovedEmails(args: {
    cursor: string | null;
    numItems: number;
  }): Promise<PageResult & { page: UnmovedEmail[] }>;
  moveUsers(args: {
    cursor: string | null;
    numItems: number;
    dryRun: boolean;
    passwordHashing: PasswordHashing;
    duplicates: DuplicateGroup[];
  }): Promise<PageResult & { batch: MoveBatch }>;
};

/** Rows per page of the read-only first pass (a few fields each). */
export const SCAN_PAGE = 1000;

/** The emails more than one unmoved user has, with who has them. */
export async function findDuplicateEmails(
  runner: Pick<ConvexAuthRunner, "unmovedEmails">,
): Promise<{ unmoved: number; duplicates: DuplicateGroup[] }> {
  const byEmail = new Map<string, Id<"users">[]>();
  let unmoved = 0;
  let cursor: string | null = null;
  for (;;) {
    const page = await runner.unmovedEmails({ cursor, numItems: SCAN_PAGE });
    for (const { userId, email } of page.page) {
      unmoved += 1;
      if (email !== null)
        byEmail.set(email, [...(byEmail.get(email) ?? []), userId]);
    }
    if (page.isDone) break;
    cursor = page.continueCursor;
  }
  const duplicates = [...byEmail]
    .filter(([, userIds]) => userIds.length > 1)
    .map(([email, userIds]) => ({ email, userIds }));
  return { unmoved, duplicates };
}

export type ConvexAuthDriveOptions = {
  dryRun: boolean;
  passwordHashing: PasswordHashing;
  batchSize: number;
  /** A page position to resume from (printed after every batch). */
  from: string | null;
  log: (line: string) => void;
};

function summary(report: ConvexAuthReport): string {
  const users = report.users;
  const kinds = Object.entries(report.problems.byKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  return (
    `[fromConvexAuth]${report.dryRun ? " DRY RUN (nothing written):" : ""} ` +
    `${users.scanned} users: ${users.alreadyMoved} already moved, ${users.moved} ${report.dryRun ? "to move" : "moved"} ` +
    `(${users.passwordsCarried} passwords carried, ${report.passwordResets.count} to set anew, ${users.oauthAccounts} OAuth accounts); ` +
    `${report.problems.count} problems${kinds ? ` (${kinds})` : ""}` +
    (report.complete ? "; complete" : "")
  );
}

/**
 * Runs the whole migration, one batch per transaction, and sums the
 * report. A failed batch stops the run; moved users are skipped, so
 * running again (or from the printed position) is as good.
 */
export async function driveConvexAuthMigration(
  runner: ConvexAuthRunner,
  options: ConvexAuthDriveOptions,
): Promise<ConvexAuthReport> {
  const { duplicates } = await findDuplicateEmails(runner);
  const report: ConvexAuthReport = {
    dryRun: options.dryRun,
    passwordHashing: options.passwordHashing,
    complete: false,
    users: emptyUserCounts(),
    passwordResets: { count: 0, list: [], truncated: false },
    problems: emptyProblemList(CONVEX_AUTH_PROBLEM_KINDS),
  };
  const seen = new Set<string>();
  let cursor = options.from;
  for (;;) {
    const page = await runner.moveUsers({
      cursor,
      numItems: options.batchSize,
      dryRun: options.dryRun,
      passwordHashing: options.passwordHashing,
      duplicates,
    });
    const { passwordResets, problems, ...counts } = page.batch;
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) {
      report.users[key] += counts[key];
    }
    report.passwordResets.count += passwordResets.length;
    for (const reset of passwordResets) {
      if (report.passwordResets.list.length < PROBLEM_LIST_CAP) {
        report.passwordResets.list.push(reset);
      } else report.passwordResets.truncated = true;
    }
    addProblems(report.problems, seen, problems);
    if (page.isDone) break;
    cursor = page.continueCursor;
    options.log(`[fromConvexAuth] next: ${JSON.stringify({ from: cursor })}`);
  }
  report.complete =
    options.from === null && !options.dryRun && report.problems.count === 0;
  options.log(summary(report));
  return report;
}
