/**
 * A transitional `users` table for a migration onto this starter: the
 * starter's fields, each optional, plus the old app's, so that old rows,
 * moved rows and rows the triggers have already written all fit while a
 * migration runs (Convex refuses a push while any stored document violates
 * the new schema). Its indexes are the starter's plus the ones a migration
 * adds. Typed as the starter's table: the app's code is typed for moved
 * rows, and the code that reads old rows checks every field at run time.
 */
import { defineTable } from "convex/server";
import type { PropertyValidators } from "convex/values";
import { v } from "convex/values";
import { usersFields, usersTable } from "../model/usersTable";

function optional(fields: PropertyValidators): PropertyValidators {
  return Object.fromEntries(
    Object.entries(fields).map(([name, validator]) => [
      name,
      validator.isOptional === "optional" ? validator : v.optional(validator),
    ]),
  );
}

/** What `index` takes, without the field paths' types (checked by the starter's table). */
type Indexable = { index(name: string, fields: string[]): Indexable };

export function transitionalUsersTable(
  oldFields: PropertyValidators,
  extraIndexes: [name: string, fields: string[]][] = [],
): typeof usersTable {
  let table = defineTable({
    ...optional(usersFields),
    ...oldFields,
  }) as unknown as Indexable;
  // The starter's own indexes, read from its table: one list, not two.
  for (const { indexDescriptor, fields } of usersTable[" indexes"]()) {
    table = table.index(indexDescriptor, fields);
  }
  for (const [name, fields] of extraIndexes) table = table.index(name, fields);
  return table as unknown as typeof usersTable;
}
