/**
 * What every migration onto this starter needs to know of an app `users`
 * row as it is stored: whether it has the starter's shape already (moved),
 * and which of its starter fields a rewrite keeps. Pure functions: rows are
 * typed as moved ones during a migration (./transitionalUsersTable.ts) but
 * may hold anything the old app wrote.
 */
import type { Doc } from "../_generated/dataModel";
import { usersFields } from "../model/usersTable";

type Fields = Record<string, unknown>;

const STARTER_FIELDS = new Set(Object.keys(usersFields));
const SYSTEM_FIELDS = new Set(["_id", "_creationTime"]);

/** The starter's fields only, each of the right type. */
export function isMovedRow(row: Doc<"users">): boolean {
  const fields = row as unknown as Fields;
  const keys = Object.keys(fields).filter((key) => !SYSTEM_FIELDS.has(key));
  return (
    keys.every((key) => STARTER_FIELDS.has(key)) &&
    typeof fields.authId === "string" &&
    typeof fields.email === "string" &&
    typeof fields.name === "string" &&
    typeof fields.emailVerified === "boolean" &&
    (fields.role === "admin" || fields.role === "user") &&
    typeof fields.createdAt === "number" &&
    typeof fields.updatedAt === "number"
  );
}

/**
 * The old row's values for the starter's other fields (`disabled`, and any
 * the app added to convex/model/usersTable.ts), kept through the rewrite.
 */
export function carriedFields(
  row: Doc<"users">,
  written: object,
): Partial<Doc<"users">> {
  return Object.fromEntries(
    Object.entries(row).filter(
      ([key]) => key in usersFields && !(key in written),
    ),
  );
}
