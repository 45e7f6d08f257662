/**
 * Deleting a user removes what they own because each owned table is declared
 * once (USER_OWNED_TABLES in convex/userData.ts). This fails when a table
 * that names a user (a `v.id("users")` field, however nested) is in neither
 * that declaration nor the list of tables kept on purpose, and when a
 * declared table lacks the index its batches read.
 */
import { describe, expect, test } from "vitest";
import schema from "../convex/schema";
import authSchema from "../convex/betterAuth/schema";
import {
  KEPT_AUTH_MODELS,
  KEPT_ON_DELETION,
  OWNED_AUTH_MODELS,
  USER_OWNED_TABLES,
} from "../convex/userData";

type ValidatorJson = {
  type: string;
  tableName?: string;
  value?: unknown;
};

/** Whether a validator's JSON mentions an id of `users` anywhere inside. */
function namesUser(json: unknown): boolean {
  if (!json || typeof json !== "object") return false;
  const node = json as ValidatorJson;
  if (node.type === "id" && node.tableName === "users") return true;
  return Object.values(node).some(namesUser);
}

type TableDefinition = {
  validator: { json: unknown };
  indexes: { indexDescriptor: string; fields: string[] }[];
};
const tables = (
  schema as unknown as { tables: Record<string, TableDefinition> }
).tables;

describe("what a user owns is declared once", () => {
  test("every table that names a user is either removed with them or kept on purpose", () => {
    const naming = Object.keys(tables).filter((name) =>
      namesUser(tables[name]!.validator.json),
    );
    expect(naming.length).toBeGreaterThan(0);
    const undecided = naming.filter(
      (name) => !(name in USER_OWNED_TABLES) && !(name in KEPT_ON_DELETION),
    );
    expect(
      undecided,
      "Add these to USER_OWNED_TABLES (removed on deletion) or KEPT_ON_DELETION (with why) in convex/userData.ts",
    ).toEqual([]);
    for (const why of Object.values(KEPT_ON_DELETION)) {
      expect(why!.length).toBeGreaterThan(10);
    }
  });

  test("each owned table has the index its deletion batches read, leading with the owner field", () => {
    for (const [name, { field, index }] of Object.entries(USER_OWNED_TABLES)) {
      const found = tables[name]?.indexes.find(
        (candidate) => candidate.indexDescriptor === index,
      );
      expect(found?.fields[0], `${name}.${index}`).toBe(field);
    }
  });

  test("every Better Auth table with a userId field is removed with the user or kept on purpose, and the removal reads an index", () => {
    const authTables = (
      authSchema as unknown as { tables: Record<string, TableDefinition> }
    ).tables;
    const withUserId = Object.keys(authTables).filter((name) => {
      const json = authTables[name]!.validator.json as {
        value?: Record<string, unknown>;
      };
      return json.value !== undefined && "userId" in json.value;
    });
    expect(withUserId).toContain("session");
    const owned: readonly string[] = OWNED_AUTH_MODELS;
    expect(
      withUserId.filter(
        (name) => !owned.includes(name) && !(name in KEPT_AUTH_MODELS),
      ),
      "Add these to OWNED_AUTH_MODELS (removed on deletion) or KEPT_AUTH_MODELS (with why) in convex/userData.ts",
    ).toEqual([]);
    for (const model of OWNED_AUTH_MODELS) {
      expect(
        authTables[model]?.indexes.some(
          (index) => index.fields[0] === "userId",
        ),
        `${model} has an index leading with userId`,
      ).toBe(true);
    }
  });
});
