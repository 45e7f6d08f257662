/**
 * What the dual-database migration reports instead of guessing: each problem
 * names the rows and the auth user involved and the command that resolves
 * it. Shared by the batches (./fromDualDatabase.ts) and the report.
 */
import type { Id } from "../_generated/dataModel";

export const PROBLEM_KINDS = [
  // A row the migration can't read: no email, an invalid one, a link id or
  // admin flag of the wrong type.
  "malformed",
  // The row's stored auth id names an auth user that no longer exists.
  "authUserGone",
  // No stored auth id, and no auth user holds the row's email.
  "noAuthUser",
  // Only an auth user with that email *unverified* exists (never linked:
  // see docs/migrating-from-dual-database.md, "pre-hijacking").
  "unverifiedOnly",
  // Several app rows claim one auth user or one email.
  "duplicate",
  // The row's stored auth id says one user, its email is another's.
  "emailHeldByOther",
  // An auth user without an app row whose email another user's moved row
  // holds (drift since the move: the doctor's territory).
  "notCreated",
] as const;

export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export type Problem = {
  kind: ProblemKind;
  /** The app rows involved, the reported one first. */
  userIds: Id<"users">[];
  authId: string | null;
  email: string | null;
  detail: string;
  fix: string;
};

const FN = "migrations/fromDualDatabase";

/** The exact commands the fixes name. */
export const fixCommand = {
  link: (userId: string, authId: string) =>
    `npx convex run ${FN}:linkAppRow '${JSON.stringify({ userId, authId })}'`,
  remove: (userId: string) =>
    `npx convex run ${FN}:removeAppRow '${JSON.stringify({ userId })}'`,
};
