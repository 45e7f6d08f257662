/**
 * The dual-database migration's pieces in convex-test, on the transitional
 * schema: the table itself, the link field argument, and the operator's
 * fix commands. The whole flow, with the real CLI and the old app's own
 * code, is tests/migrations.dualDatabase.cli.test.ts.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { components, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { dualDatabaseUsersTable } from "../convex/migrations/dualDatabaseSchema";
import { usersTable } from "../convex/model/usersTable";
import { hasCode } from "./support/backend";
import {
  makeTransitionalBackend,
  type TransitionalBackend,
} from "./support/dualDatabaseFigures";

const migration = internal.migrations.fromDualDatabase;

afterEach(() => vi.restoreAllMocks());

async function authUser(
  t: TransitionalBackend,
  email: string,
  emailVerified = true,
): Promise<string> {
  return await t.run(async (ctx) => {
    const created = (await ctx.runMutation(
      components.betterAuth.adapter.create,
      {
        input: {
          model: "user",
          data: {
            email,
            name: email.split("@")[0]!,
            emailVerified,
            createdAt: 1,
            updatedAt: 1,
          },
        },
      },
    )) as { _id: string };
    return created._id;
  });
}

async function oldRow(
  t: TransitionalBackend,
  fields: Record<string, unknown>,
): Promise<Id<"users">> {
  return await t.run(
    async (ctx) => await ctx.db.insert("users", fields as never),
  );
}

async function row(t: TransitionalBackend, userId: Id<"users">) {
  return await t.run(async (ctx) => await ctx.db.get("users", userId));
}

function quiet() {
  vi.spyOn(console, "log").mockImplementation(() => {});
}

describe("the transitional users table", () => {
  test("has the starter's indexes, and one per old link field", () => {
    const names = (table: typeof usersTable) =>
      table[" indexes"]().map(({ indexDescriptor, fields }) => [
        indexDescriptor,
        fields,
      ]);
    expect(names(dualDatabaseUsersTable)).toEqual([
      ...names(usersTable),
      ["legacy_by_betterAuthId", ["betterAuthId"]],
      ["legacy_by_userId", ["userId"]],
    ]);
  });

  test("holds old rows, moved rows and nothing else", async () => {
    const t = makeTransitionalBackend();
    await oldRow(t, { email: "a@example.com", name: "A", isAdmin: true });
    await oldRow(t, {
      authId: "x",
      email: "b@example.com",
      name: "B",
      emailVerified: true,
      role: "user",
      createdAt: 1,
      updatedAt: 1,
    });
    await expect(
      oldRow(t, { email: "c@example.com", plan: "pro" }),
    ).rejects.toThrow(/plan/);
  });
});

describe("the link field", () => {
  test("userId links like betterAuthId; an unindexed field is refused with the fix", async () => {
    quiet();
    const t = makeTransitionalBackend();
    const ann = await authUser(t, "ann@example.com");
    const ben = await authUser(t, "ben@example.com");
    const annRow = await oldRow(t, {
      email: "ann.old@example.com",
      name: "Ann",
      userId: ann,
      // A starter field the migration doesn't write: kept.
      disabled: true,
    });
    const report = await t.action(migration.run, { linkField: "userId" });
    expect(report).toMatchObject({
      complete: true,
      appRows: { linkedById: 1, refreshed: 1 },
      createdAppRows: 1,
    });
    expect(await row(t, annRow)).toMatchObject({
      authId: ann,
      email: "ann@example.com",
      disabled: true,
    });
    expect(
      (await t.run(async (ctx) => await ctx.db.query("users").collect())).map(
        (user) => user.authId,
      ),
    ).toEqual([ann, ben]);

    await expect(
      t.action(migration.run, { linkField: "auth_user" }),
    ).rejects.toThrow(/LEGACY_LINK_FIELDS/);
  });

  test("a stored id that is no auth user's is reported, and the row is left as it was", async () => {
    quiet();
    const t = makeTransitionalBackend();
    const stored = { email: "cy@example.com", name: "Cy", betterAuthId: "42" };
    const cy = await oldRow(t, stored);
    const report = await t.action(migration.run, {});
    expect(report.problems.list).toEqual([
      expect.objectContaining({ kind: "authUserGone", userIds: [cy] }),
    ]);
    expect(await row(t, cy)).toMatchObject(stored);
  });
});

describe("the operator's fixes", () => {
  test("linkAppRow moves one row (admin flag included) and refuses a second row for the same user", async () => {
    quiet();
    const t = makeTransitionalBackend();
    const dee = await authUser(t, "dee@example.com", false);
    const first = await oldRow(t, {
      email: "dee@example.com",
      name: "Dee",
      isAdmin: true,
    });
    const report = await t.action(migration.run, {});
    expect(report.problems.list.map((p) => p.kind)).toEqual(["unverifiedOnly"]);

    await t.mutation(migration.linkAppRow, { userId: first, authId: dee });
    expect(await row(t, first)).toMatchObject({ authId: dee, role: "admin" });
    await expect(
      t.mutation(migration.linkAppRow, { userId: first, authId: dee }),
    ).rejects.toSatisfy(hasCode("INVALID_INPUT"));

    const second = await oldRow(t, { email: "dee@example.com", name: "Dee 2" });
    await expect(
      t.mutation(migration.linkAppRow, { userId: second, authId: dee }),
    ).rejects.toThrow(/Several app rows/);
    expect(await row(t, second)).toMatchObject({ name: "Dee 2" });
  });

  test("removeAppRow deletes an old row and refuses a moved one", async () => {
    quiet();
    const t = makeTransitionalBackend();
    const gone = await oldRow(t, { email: "gone@example.com", name: "Gone" });
    await t.mutation(migration.removeAppRow, { userId: gone });
    expect(await row(t, gone)).toBeNull();

    await authUser(t, "eve@example.com");
    await t.action(migration.run, {});
    const [moved] = await t.run(
      async (ctx) => await ctx.db.query("users").collect(),
    );
    await expect(
      t.mutation(migration.removeAppRow, { userId: moved!._id }),
    ).rejects.toThrow(/admin console/);
  });
});
