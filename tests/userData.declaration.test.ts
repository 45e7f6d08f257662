/**
 * Deleting a user removes what they own because each owned table is declared
 * once (USER_OWNED_TABLES in convex/userData.ts). This fails when a table
 * that names a user (a `v.id("users")` field, however nested) is in neither
 * that declaration nor the list of tables kept on purpose, and when a
 * declared table lacks the index its batches read. The same holds for what
 * an organization owns (ORG_OWNED_TABLES and ORG_AUTH_MODELS in
 * convex/orgData.ts), keyed on an `organizationId` field.
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
import {
  KEPT_ON_ORG_DELETION,
  ORG_AUTH_MODELS,
  ORG_OWNED_TABLES,
} from "../convex/orgData";

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

describe("what an organization owns is declared once", () => {
  type Tables = Record<string, TableDefinition>;
  const authTables = (authSchema as unknown as { tables: Tables }).tables;

  /** Tables whose documents have a top-level `organizationId` field. */
  function withOrganizationId(all: Tables): string[] {
    return Object.keys(all).filter((name) => {
      const json = all[name]!.validator.json as {
        value?: Record<string, unknown>;
      };
      return json.value !== undefined && "organizationId" in json.value;
    });
  }

  test("every app table with an organizationId is removed with the organization or kept on purpose, and each entry names a real table", () => {
    const naming = withOrganizationId(tables);
    expect(naming).toContain("projects");
    expect(
      naming.filter(
        (name) =>
          !(name in ORG_OWNED_TABLES) && !(name in KEPT_ON_ORG_DELETION),
      ),
      "Add these to ORG_OWNED_TABLES (removed with the organization) or KEPT_ON_ORG_DELETION (with why) in convex/orgData.ts",
    ).toEqual([]);
    for (const name of [
      ...Object.keys(ORG_OWNED_TABLES),
      ...Object.keys(KEPT_ON_ORG_DELETION),
    ]) {
      expect(naming, `${name} is an app table with organizationId`).toContain(
        name,
      );
    }
    for (const why of Object.values(KEPT_ON_ORG_DELETION)) {
      expect(why!.length).toBeGreaterThan(10);
    }
    for (const [name, { field, index }] of Object.entries(ORG_OWNED_TABLES)) {
      const found = tables[name]?.indexes.find(
        (candidate) => candidate.indexDescriptor === index,
      );
      expect(found?.fields[0], `${name}.${index}`).toBe(field);
    }
  });

  test("ORG_AUTH_MODELS is every Better Auth table with an organizationId, each read through an index", () => {
    const naming = withOrganizationId(authTables);
    expect(naming).toContain("member");
    expect([...ORG_AUTH_MODELS].sort()).toEqual(naming.sort());
    for (const model of ORG_AUTH_MODELS) {
      expect(
        authTables[model]?.indexes.some(
          (index) => index.fields[0] === "organizationId",
        ),
        `${model} has an index leading with organizationId`,
      ).toBe(true);
    }
  });
});
