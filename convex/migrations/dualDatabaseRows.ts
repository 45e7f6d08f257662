/**
 * Reading an app `users` row of a dual-database app as it is stored: the
 * starter's shape (already moved), the old app's, or neither. Pure functions:
 * every field is checked at run time, since the transitional schema
 * (./dualDatabaseSchema.ts) types old rows as if they were moved ones.
 */
import type { Doc } from "../_generated/dataModel";
import { emailProblem, normalizeEmail } from "../validation";
import { isMovedRow } from "./movedRows";

/** Where the old sync stored the Better Auth user id, unless told otherwise. */
export const DEFAULT_LINK_FIELD = "betterAuthId";

export type StoredRow =
  /** Moved already: the starter's fields only, each of the right type. */
  | { kind: "moved" }
  | {
      kind: "legacy";
      /** Normalized (lower case, trimmed). */
      email: string;
      /** The Better Auth user id the old sync stored, if it did. */
      linkId: string | null;
      isAdmin: boolean;
    }
  | { kind: "malformed"; problem: string };

type Fields = Record<string, unknown>;

/** What a stored row is, and the old fields the migration reads from it. */
export function readStoredRow(row: Doc<"users">, linkField: string): StoredRow {
  // Typed as a moved row, but may be anything the old app wrote.
  const fields = row as unknown as Fields;
  if (isMovedRow(row)) return { kind: "moved" };
  const { email, isAdmin } = fields;
  const linkId = fields[linkField];
  if (typeof email !== "string") {
    return { kind: "malformed", problem: "it has no email" };
  }
  const badEmail = emailProblem(email);
  if (badEmail) return { kind: "malformed", problem: badEmail };
  if (linkId !== undefined && linkId !== null && typeof linkId !== "string") {
    return { kind: "malformed", problem: `its ${linkField} is not a string` };
  }
  if (isAdmin !== undefined && typeof isAdmin !== "boolean") {
    return { kind: "malformed", problem: "its isAdmin is not a boolean" };
  }
  return {
    kind: "legacy",
    email: normalizeEmail(email),
    linkId: linkId ? linkId : null,
    isAdmin: isAdmin === true,
  };
}

/** The row's email as stored, for the lookups of rows not yet lower-cased. */
export function storedEmail(row: Doc<"users">): string | null {
  const { email } = row as unknown as Fields;
  return typeof email === "string" ? email : null;
}
