/**
 * The transitional `users` table for moving a "dual-database" app (Better
 * Auth's tables plus an app `users` table filled by a `syncFromAuth`
 * mutation) onto this starter: docs/migrating-from-dual-database.md.
 *
 * Convex refuses a push while any stored document violates the new schema
 * (its schema worker checks every row of a changed table), so the old rows
 * must fit until they are moved. During the transition convex/schema.ts
 * says `users: dualDatabaseUsersTable` instead of `users: usersTable`; once
 * `migrations/fromDualDatabase:run` reports `complete`, it goes back.
 *
 * The stored shape is this starter's fields, each optional, plus the old
 * app's (LEGACY_USERS_FIELDS: edit them to your old schema's `users` table),
 * so both old rows, moved rows, and old rows the triggers have already
 * touched fit. Its TypeScript type stays the starter's: the app's code is
 * typed for moved rows, and the only code that reads old rows
 * (convex/migrations/dualDatabaseRows.ts) checks every field at run time.
 */
import { v, type PropertyValidators } from "convex/values";
import { transitionalUsersTable } from "./transitionalUsersTable";

/**
 * The old app's `users` fields that the starter's table lacks: a typical
 * dual-database app's. Replace them with your old schema's, so every stored
 * row fits; fields you want to keep after the move belong in
 * convex/model/usersTable.ts as well.
 */
export const LEGACY_USERS_FIELDS = {
  // The Better Auth user id, under the name the old sync stored it.
  betterAuthId: v.optional(v.string()),
  userId: v.optional(v.string()),
  // The admin flag, moved into the auth user's role.
  isAdmin: v.optional(v.boolean()),
} satisfies PropertyValidators;

/**
 * The old fields that may hold the Better Auth user id (the migration's
 * `linkField`), each indexed during the transition so that every row
 * claiming an auth user is found, whatever its email says.
 */
export const LEGACY_LINK_FIELDS = ["betterAuthId", "userId"] as const;

/** The transitional index on a legacy link field. */
export function legacyLinkIndex(field: string): string {
  return `legacy_by_${field}`;
}

export const dualDatabaseUsersTable = transitionalUsersTable(
  LEGACY_USERS_FIELDS,
  LEGACY_LINK_FIELDS.map((field) => [legacyLinkIndex(field), [field]]),
);
