/**
 * Reading a `users` row of a Convex Auth app as it is stored: moved already,
 * Convex Auth's shape, or unreadable. Pure functions: the transitional
 * schema types old rows as moved ones, so every field is checked here.
 */
import type { Doc } from "../_generated/dataModel";
import { emailProblem, normalizeEmail } from "../validation";
import { isMovedRow } from "./movedRows";

export type ConvexAuthRow =
  | { kind: "moved" }
  | {
      kind: "convexAuth";
      /** Normalized (lower case, trimmed). */
      email: string;
      /** The name, else the email's local part (Better Auth requires one). */
      name: string;
      nameFromEmail: boolean;
      image: string | null;
      /** Convex Auth's `emailVerificationTime` is set. */
      emailVerified: boolean;
    }
  | { kind: "anonymous" }
  | { kind: "malformed"; problem: string };

type Fields = Record<string, unknown>;

export function readConvexAuthRow(row: Doc<"users">): ConvexAuthRow {
  if (isMovedRow(row)) return { kind: "moved" };
  const { email, name, image, emailVerificationTime, isAnonymous } =
    row as unknown as Fields;
  if (isAnonymous === true && email === undefined) return { kind: "anonymous" };
  if (typeof email !== "string") {
    return {
      kind: "malformed",
      problem: "it has no email (phone-only sign-in doesn't move)",
    };
  }
  const badEmail = emailProblem(email);
  if (badEmail) return { kind: "malformed", problem: badEmail };
  if (name !== undefined && typeof name !== "string") {
    return { kind: "malformed", problem: "its name is not a string" };
  }
  if (image !== undefined && typeof image !== "string") {
    return { kind: "malformed", problem: "its image is not a string" };
  }
  const normalized = normalizeEmail(email);
  const trimmedName = typeof name === "string" ? name.trim() : "";
  return {
    kind: "convexAuth",
    email: normalized,
    name: trimmedName || normalized.split("@")[0]!,
    nameFromEmail: !trimmedName,
    image: typeof image === "string" ? image : null,
    emailVerified: typeof emailVerificationTime === "number",
  };
}

/** The row's email as a lookup key, for the duplicates scan (null: none). */
export function unmovedEmail(row: Doc<"users">): string | null {
  const read = readConvexAuthRow(row);
  return read.kind === "convexAuth" ? read.email : null;
}
