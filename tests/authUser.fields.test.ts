import { describe, expect, test } from "vitest";
import { components } from "../convex/_generated/api";
import {
  AUTH_USER_FIELDS,
  findAuthUser,
  findAuthUserByEmail,
  listAuthUsers,
  type AuthUser,
} from "../convex/authData";
import authSchema from "../convex/betterAuth/schema";
import { insertAppUser, mirrorAuthUser } from "../convex/userSync";
import { makeBackend, type Backend } from "./support/backend";

const fieldList: readonly string[] = AUTH_USER_FIELDS;

/** An auth user with every field of the component's schema set. */
async function storeFullAuthUser(t: Backend) {
  return await t.run(
    async (ctx) =>
      (await ctx.runMutation(components.betterAuth.adapter.create, {
        input: {
          model: "user",
          data: {
            name: "Ada",
            email: "ada@example.com",
            emailVerified: true,
            image: "https://example.com/ada.png",
            createdAt: 1_700_000_000_000,
            updatedAt: 1_700_000_000_001,
            twoFactorEnabled: true,
            role: "admin",
            banned: false,
            banReason: "none",
            banExpires: 1_800_000_000_000,
            userId: "someone",
          },
        },
      })) as AuthUser & Record<string, unknown>,
  );
}

/** The same user, recording each field read from it. */
function recordingReads(user: AuthUser, reads: Set<string>): AuthUser {
  return new Proxy(user, {
    get(target, key, receiver) {
      if (typeof key === "string") reads.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe("the auth-user field list (convex/authData.ts)", () => {
  test("names only fields of the component's user table", () => {
    const stored = [
      "_id",
      ...Object.keys(authSchema.tables.user.validator.fields),
    ];
    expect(fieldList.filter((field) => !stored.includes(field))).toEqual([]);
  });

  test("holds every field the app `users` mirror reads", async () => {
    const t = makeBackend();
    const user = await storeFullAuthUser(t);
    const reads = new Set<string>();
    await t.run(async (ctx) => {
      // Each path of the mirror: the insert, the update, the re-insert of a
      // missing row.
      await insertAppUser(ctx, recordingReads(user, reads));
      await mirrorAuthUser(ctx, recordingReads({ ...user, name: "B" }, reads));
      const row = await ctx.db.query("users").unique();
      await ctx.db.delete("users", row!._id);
      await mirrorAuthUser(ctx, recordingReads(user, reads));
    });
    expect(reads.has("role")).toBe(true); // the proxy does see the reads
    expect([...reads].filter((field) => !fieldList.includes(field))).toEqual(
      [],
    );
  });

  test("is what every read of auth users returns, in full", async () => {
    const t = makeBackend();
    const user = await storeFullAuthUser(t);
    const expected = Object.fromEntries(
      AUTH_USER_FIELDS.map((field) => [field, user[field]]),
    );
    expect(Object.keys(expected)).toHaveLength(AUTH_USER_FIELDS.length);
    const reads = await t.run(async (ctx) => ({
      byId: await findAuthUser(ctx, user._id),
      byEmail: await findAuthUserByEmail(ctx, user.email),
      page: (await listAuthUsers(ctx, { numItems: 10, cursor: null })).page,
    }));
    expect(reads).toEqual({
      byId: expected,
      byEmail: expected,
      page: [expected],
    });
  });
});
