/**
 * The Convex Auth migration's pieces: the password hashes it carries,
 * checked with lucia's own code (what Convex Auth hashes with) against
 * Better Auth's own verification; and in convex-test on the transitional
 * schema, the users it refuses to move, what a dry run writes (nothing),
 * the triggers on moved users, and the operator's commands. The whole flow,
 * with the real CLI and Convex Auth's own code, is
 * tests/migrations.convexAuth.cli.test.ts.
 */
import { verifyPassword } from "better-auth/crypto";
import { LegacyScrypt, Scrypt } from "lucia";
import { createFunctionHandle } from "convex/server";
import { randomBytes, scryptSync } from "node:crypto";
import { afterEach, describe, expect, test, vi } from "vitest";
import { components, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { deleteAuthUser } from "../convex/authData";
import { carriedPassword } from "../convex/migrations/convexAuthAccounts";
import {
  authFetch,
  finishScheduled,
  hasCode,
  makeBackend,
  SITE_URL,
} from "./support/backend";
import {
  makeConvexAuthBackend,
  type ConvexAuthBackend,
} from "./support/convexAuthFigures";

const migration = internal.migrations.fromConvexAuth;
const PASSWORD = "correct horse battery";

afterEach(() => vi.restoreAllMocks());

async function verifies(hash: string, password: string) {
  return await verifyPassword({ hash, password });
}

describe("passwords", () => {
  test("Convex Auth's default hash (lucia's Scrypt) verifies in Better Auth as it is", async () => {
    const hash = await new Scrypt().hash(PASSWORD);
    const outcome = carriedPassword(hash, "scrypt");
    expect(outcome).toEqual({ kind: "carried", hash });
    expect(await verifies(hash, PASSWORD)).toBe(true);
    expect(await verifies(hash, "not the password")).toBe(false);
    // NFKC, as both normalize: "é" typed as e + combining accent.
    const accented = await new Scrypt().hash("caf\u00e9 au lait");
    expect(await verifies(accented, "cafe\u0301 au lait")).toBe(true);
  });

  test("LegacyScrypt's s2: hashes are the same computation: carried without the prefix", async () => {
    const hash = await new LegacyScrypt().hash(PASSWORD);
    expect(hash.startsWith("s2:")).toBe(true);
    for (const hashing of ["scrypt", "legacyScrypt"] as const) {
      const outcome = carriedPassword(hash, hashing);
      expect(outcome).toEqual({ kind: "carried", hash: hash.slice(3) });
    }
    expect(await verifies(hash.slice(3), PASSWORD)).toBe(true);
  });

  test("LegacyScrypt's two-part hashes (r 8) look the same but don't verify: set anew when the app says so", async () => {
    const salt = randomBytes(16).toString("hex");
    const key = scryptSync(PASSWORD.normalize("NFKC"), salt, 64, {
      N: 16384,
      r: 8,
      p: 1,
    }).toString("hex");
    const hash = `${salt}:${key}`;
    expect(await new LegacyScrypt().verify(hash, PASSWORD)).toBe(true);
    expect(await verifies(hash, PASSWORD)).toBe(false);
    expect(carriedPassword(hash, "legacyScrypt")).toMatchObject({
      kind: "reset",
    });
  });

  test("other hashes, a custom crypto and a missing secret are set anew", () => {
    const argon = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    expect(carriedPassword(argon, "scrypt")).toMatchObject({ kind: "reset" });
    expect(carriedPassword("$2b$10$abcdefghijk", "scrypt")).toMatchObject({
      kind: "reset",
    });
    const scryptLike = `${"ab".repeat(16)}:${"cd".repeat(64)}`;
    expect(carriedPassword(scryptLike, "custom")).toMatchObject({
      kind: "reset",
    });
    expect(carriedPassword(undefined, "scrypt")).toMatchObject({
      kind: "reset",
    });
  });
});

type OldUser = Record<string, unknown>;

async function oldUser(
  t: ConvexAuthBackend,
  fields: OldUser,
  accounts: { provider: string; providerAccountId: string; secret?: string }[],
): Promise<Id<"users">> {
  return await t.run(async (ctx) => {
    // Convex Auth's shape, which the starter's types don't describe.
    const userId = await ctx.db.insert("users", fields as never);
    for (const account of accounts) {
      await ctx.db.insert("authAccounts", { userId, ...account });
    }
    return userId;
  });
}

const password = (email: string) => ({
  provider: "password",
  providerAccountId: email,
  secret: `${"ab".repeat(16)}:${"cd".repeat(64)}`,
});

async function everything(t: ConvexAuthBackend) {
  return await t.run(async (ctx) => ({
    users: await ctx.db.query("users").collect(),
    authUsers: (
      await ctx.runQuery(components.betterAuth.adapter.findMany, {
        model: "user",
        paginationOpts: { numItems: 100, cursor: null },
      })
    ).page,
    accounts: (
      await ctx.runQuery(components.betterAuth.adapter.findMany, {
        model: "account",
        paginationOpts: { numItems: 100, cursor: null },
      })
    ).page,
  }));
}

describe("moving users (convex-test)", () => {
  test("users it can't move are reported and left whole; a dry run writes nothing", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeConvexAuthBackend();
    const anonymous = await oldUser(t, { isAnonymous: true }, [
      { provider: "anonymous", providerAccountId: "x" },
    ]);
    const phoneOnly = await oldUser(t, { phone: "+15550100" }, []);
    const noMethod = await oldUser(t, { email: "none@example.com" }, []);
    const discord = await oldUser(
      t,
      { email: "dee@example.com", emailVerificationTime: 1 },
      [
        password("dee@example.com"),
        { provider: "discord", providerAccountId: "9" },
      ],
    );
    const gitHubTaken = await oldUser(
      t,
      { email: "gus@example.com", emailVerificationTime: 1 },
      [{ provider: "github", providerAccountId: "77" }],
    );
    const fine = await oldUser(t, { email: "Fay@Example.com " }, [
      password("Fay@Example.com "),
    ]);
    // Someone already signed in on Better Auth with Gus's GitHub account.
    await t.run(async (ctx) => {
      const other = (await ctx.runMutation(
        components.betterAuth.adapter.create,
        {
          input: {
            model: "user",
            data: {
              email: "gus.new@example.com",
              name: "New Gus",
              emailVerified: true,
              createdAt: 1,
              updatedAt: 1,
            },
          },
        },
      )) as { _id: string };
      await ctx.runMutation(components.betterAuth.adapter.create, {
        input: {
          model: "account",
          data: {
            userId: other._id,
            providerId: "github",
            accountId: "77",
            createdAt: 1,
            updatedAt: 1,
          },
        },
      });
    });

    const before = await everything(t);
    const dry = await t.action(migration.run, { dryRun: true });
    expect(await everything(t)).toEqual(before);

    const report = await t.action(migration.run, {});
    const kinds = Object.fromEntries(
      report.problems.list.map((p) => [p.userIds[0], p.kind]),
    );
    expect(kinds).toEqual({
      [anonymous]: "anonymous",
      [phoneOnly]: "malformed",
      [noMethod]: "noSignInMethod",
      [discord]: "unknownProvider",
      [gitHubTaken]: "accountTaken",
    });
    expect(dry.problems.byKind).toEqual(report.problems.byKind);
    expect(report.users).toMatchObject({
      scanned: 6,
      moved: 1,
      namesFromEmail: 1,
      passwordsCarried: 1,
    });
    expect(dry.users).toEqual(report.users);
    expect(report.complete).toBe(false);
    // Fay moved: lower case, named from her address, unverified as she was.
    const after = await everything(t);
    const fay = after.users.find((row) => row._id === fine)!;
    expect(fay).toMatchObject({
      email: "fay@example.com",
      name: "fay",
      emailVerified: false,
      role: "user",
    });
    expect(Object.keys(fay).sort()).toEqual(
      [
        "_creationTime",
        "_id",
        "authId",
        "createdAt",
        "email",
        "emailVerified",
        "image",
        "name",
        "role",
        "updatedAt",
      ].sort(),
    );
    // Reported users are untouched.
    for (const id of [anonymous, phoneOnly, noMethod, discord, gitHubTaken]) {
      expect(after.users.find((row) => row._id === id)).toEqual(
        before.users.find((row) => row._id === id),
      );
    }
    expect(after.authUsers).toHaveLength(2);
    expect(after.accounts).toHaveLength(2); // Gus's twin's, Fay's password
  });

  test("a moved user is kept in step by the triggers, and deleted whole with them", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeConvexAuthBackend();
    const userId = await oldUser(
      t,
      { email: "ada@example.com", name: "Ada", emailVerificationTime: 1 },
      [password("ada@example.com")],
    );
    await t.run(async (ctx) => {
      await ctx.db.insert("notes", { userId, text: "kept" });
    });
    expect((await t.action(migration.run, {})).complete).toBe(true);
    const authId = await t.run(
      async (ctx) => (await ctx.db.get("users", userId))!.authId,
    );
    await t.run(async (ctx) => {
      await ctx.runMutation(components.betterAuth.adapter.updateOne, {
        input: {
          model: "user",
          where: [{ field: "_id", value: authId }],
          update: { name: "Ada L.", updatedAt: Date.now() },
        },
        onUpdateHandle: await createFunctionHandle(internal.auth.onUpdate),
      });
    });
    expect(
      await t.run(async (ctx) => (await ctx.db.get("users", userId))!.name),
    ).toBe("Ada L.");
    await t.run(async (ctx) => await deleteAuthUser(ctx, authId));
    await finishScheduled(t);
    expect(
      await t.run(async (ctx) => ({
        row: await ctx.db.get("users", userId),
        notes: await ctx.db.query("notes").collect(),
      })),
    ).toEqual({ row: null, notes: [] });
  });

  test("operator commands: removeUser refuses moved users, clearing refuses while anyone hasn't moved", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeConvexAuthBackend();
    const ada = await oldUser(t, { email: "ada@example.com" }, [
      password("ada@example.com"),
    ]);
    const ghost = await oldUser(t, { isAnonymous: true }, [
      { provider: "anonymous", providerAccountId: "g" },
    ]);
    await t.action(migration.run, {});
    await expect(
      t.action(migration.clearConvexAuthTables, {}),
    ).rejects.toSatisfy(hasCode("INVALID_INPUT"));
    await expect(
      t.mutation(migration.removeUser, { userId: ada }),
    ).rejects.toSatisfy(hasCode("INVALID_INPUT"));
    expect(await t.mutation(migration.removeUser, { userId: ghost })).toEqual({
      removed: ghost,
      accounts: 1,
    });
    expect((await t.action(migration.run, {})).complete).toBe(true);
    await t.run(async (ctx) => {
      await ctx.db.insert("authSessions", {
        userId: ada,
        expirationTime: Date.now(),
      });
    });
    expect(await t.action(migration.clearConvexAuthTables, {})).toMatchObject({
      authAccounts: 1,
      authSessions: 1,
    });
  });

  test("a hash that didn't carry: the next password sign-in is answered as wrong, and mails a link to set one, once", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeConvexAuthBackend();
    const custom = { ...password("mia@example.com"), secret: "$argon2$x" };
    const mia = await oldUser(
      t,
      { email: "mia@example.com", emailVerificationTime: 1 },
      [custom],
    );
    await oldUser(t, { email: "ned@example.com", emailVerificationTime: 1 }, [
      { ...custom, providerAccountId: "ned@example.com" },
    ]);
    const report = await t.action(migration.run, {});
    expect(report.passwordResets.count).toBe(2);
    const mails = async (to: string) =>
      await t.run(
        async (ctx) =>
          await ctx.db
            .query("devMailbox")
            .withIndex("by_to", (q) => q.eq("to", to))
            .collect(),
      );
    const signIn = async (email: string, pw: string) =>
      await authFetch(t as never, "/sign-in/email", {
        body: { email, password: pw },
      });

    // Mia tries her old password: the usual wrong-password answer, and a
    // reset link in her inbox.
    const first = await signIn("Mia@Example.com", PASSWORD);
    expect(first.status).toBe(401);
    expect(await first.json()).toMatchObject({
      code: "INVALID_EMAIL_OR_PASSWORD",
    });
    await finishScheduled(t as never);
    const sent = await mails("mia@example.com");
    expect(sent.map((mail) => mail.subject)).toEqual(["Reset your password"]);
    // Once only.
    expect((await signIn("mia@example.com", PASSWORD)).status).toBe(401);
    await finishScheduled(t as never);
    expect(await mails("mia@example.com")).toHaveLength(1);
    // The link sets her password; her row is the one she had.
    const opened = await t.fetch(
      new URL(sent[0]!.link).pathname + new URL(sent[0]!.link).search,
      { method: "GET" },
    );
    const token = new URL(opened.headers.get("location")!).searchParams.get(
      "token",
    );
    expect(
      (
        await authFetch(t as never, "/reset-password", {
          body: { token, newPassword: "a new password" },
        })
      ).status,
    ).toBe(200);
    const session = await signIn("mia@example.com", "a new password");
    expect(session.status).toBe(200);
    expect(
      await t.run(async (ctx) => (await ctx.db.get("users", mia))!.email),
    ).toBe("mia@example.com");

    // Ned set a password by "Forgot password?" first: nothing is sent.
    expect(
      (
        await authFetch(t as never, "/request-password-reset", {
          body: { email: "ned@example.com", redirectTo: `${SITE_URL}/r` },
        })
      ).status,
    ).toBe(200);
    await finishScheduled(t as never);
    const nedLink = new URL((await mails("ned@example.com"))[0]!.link);
    const nedToken = new URL(
      (
        await t.fetch(nedLink.pathname + nedLink.search, { method: "GET" })
      ).headers.get("location")!,
    ).searchParams.get("token");
    await authFetch(t as never, "/reset-password", {
      body: { token: nedToken, newPassword: "ned's password" },
    });
    expect((await signIn("ned@example.com", "a typo")).status).toBe(401);
    await finishScheduled(t as never);
    expect(await mails("ned@example.com")).toHaveLength(1);
    expect(
      await t.run(
        async (ctx) => await ctx.db.query("passwordResetsDue").collect(),
      ),
    ).toEqual([]);
  });

  test("on the starter's own schema, the run says which schema it needs", async () => {
    const t = makeBackend();
    await expect(t.action(migration.run, {})).rejects.toThrow(
      /convexAuthUsersTable/,
    );
  });
});
