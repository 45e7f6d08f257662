/**
 * What the Convex Auth migration reports instead of guessing: each problem
 * names the rows involved and the command or edit that resolves it. A user
 * with a problem is not moved at all until it is resolved.
 */
import type { Id } from "../_generated/dataModel";

export const CONVEX_AUTH_PROBLEM_KINDS = [
  // A row the migration can't read: no email, an invalid one, fields of the
  // wrong type.
  "malformed",
  // An anonymous user (Convex Auth's Anonymous provider): no address to
  // sign in with again.
  "anonymous",
  // No `authAccounts` row: no way to sign in.
  "noSignInMethod",
  // An account of a provider CONVEX_AUTH_PROVIDERS doesn't list.
  "unknownProvider",
  // Several users whose emails differ only in case or spaces (Convex Auth
  // kept them as typed; this starter compares them lower case).
  "duplicate",
  // A Better Auth user or a moved row already has the email (someone
  // signed up on the new app before this user moved).
  "emailTaken",
  // A Better Auth account of the same provider and account id exists.
  "accountTaken",
] as const;

export type ConvexAuthProblemKind = (typeof CONVEX_AUTH_PROBLEM_KINDS)[number];

export type ConvexAuthProblem = {
  kind: ConvexAuthProblemKind;
  /** The users rows involved, the reported one first. */
  userIds: Id<"users">[];
  email: string | null;
  detail: string;
  fix: string;
};

const FN = "migrations/fromConvexAuth";

/** The exact commands the fixes name. */
export const convexAuthFix = {
  remove: (userId: string) =>
    `npx convex run ${FN}:removeUser '${JSON.stringify({ userId })}'`,
};
