import { describe, expect, test } from "vitest";
import * as adminSetup from "../convex/adminSetup";
import { api, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  authRows,
  makeBackend,
  mergeCookies,
  newUser,
  signIn,
  signUp,
  type Backend,
} from "./support/backend";

const createAdminUser = internal.adminSetup.createAdminUser;

async function snapshot(t: Backend) {
  return {
    users: await authRows(t, "user"),
    accounts: await authRows(t, "account"),
    appUsers: await appUsers(t),
    verifications: await authRows(t, "verification"),
  };
}

describe("adminSetup:createAdminUser", () => {
  test("is internal: only `npx convex run` (admin key) can call it", () => {
    const fn = adminSetup.createAdminUser as unknown as {
      isInternal: boolean;
      isPublic: boolean;
    };
    expect(fn.isInternal).toBe(true);
    expect(fn.isPublic).toBeFalsy();
  });

  test("creates a new admin who can sign in with that password", async () => {
    const t = makeBackend();
    const user = newUser("admin");
    const result = await t.action(createAdminUser, {
      email: ` ${user.email.toUpperCase()} `,
      name: user.name,
      password: user.password,
    });
    expect(result).toMatchObject({
      email: user.email,
      created: true,
      promoted: true,
    });
    expect(result.passwordResetLink).toBeUndefined();

    const after = await snapshot(t);
    expect(after.users).toHaveLength(1);
    expect(after.accounts).toHaveLength(1);
    expect(after.appUsers).toMatchObject([
      { authId: result.authId, role: "admin", email: user.email },
    ]);

    const response = await signIn(t, {
      email: user.email,
      password: user.password,
    });
    expect(response.status).toBe(200);
    const me = await (
      await asSession(t, { cookie: mergeCookies("", response) })
    ).query(api.users.me, {});
    expect(me?.role).toBe("admin");
  });

  test("promotes an existing user without creating a duplicate", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    const result = await t.action(createAdminUser, {
      email: user.email,
      name: "Ignored",
    });
    expect(result).toMatchObject({
      authId: session.userId,
      created: false,
      promoted: true,
      repairedAppRow: false,
    });
    const after = await snapshot(t);
    expect(after.users).toHaveLength(1);
    expect(after.appUsers).toMatchObject([{ role: "admin", name: user.name }]);
  });

  test("a second run changes nothing", async () => {
    const t = makeBackend();
    const user = newUser("admin");
    await t.action(createAdminUser, {
      email: user.email,
      name: user.name,
      password: user.password,
    });
    const before = await snapshot(t);
    const second = await t.action(createAdminUser, {
      email: user.email,
      name: user.name,
      password: user.password,
    });
    expect(second).toMatchObject({
      created: false,
      promoted: false,
      repairedAppRow: false,
    });
    expect(await snapshot(t)).toEqual(before);
  });

  test("repairs a missing app row for an auth user from before the trigger", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    await t.run(async (ctx) => {
      for (const row of await ctx.db.query("users").collect())
        await ctx.db.delete(row._id);
    });
    const result = await t.action(createAdminUser, {
      email: user.email,
      name: user.name,
    });
    expect(result).toMatchObject({
      created: false,
      promoted: true,
      repairedAppRow: true,
    });
    expect(await appUsers(t)).toMatchObject([
      { authId: session.userId, role: "admin", email: user.email },
    ]);
  });

  test("without a password it returns (and mails) a reset link that sets one", async () => {
    const t = makeBackend();
    const user = newUser("admin");
    const result = await t.action(createAdminUser, {
      email: user.email,
      name: user.name,
    });
    expect(result.created).toBe(true);
    expect(result.passwordResetLink).toMatch(
      /\/api\/auth\/reset-password\/[^?]+\?callbackURL=/,
    );

    const mail = await t.query(internal.devMailbox.latest, { to: user.email });
    expect(mail?.link).toBe(result.passwordResetLink);

    const token = new URL(result.passwordResetLink!).pathname.split("/").pop()!;
    const reset = await t.fetch("/api/auth/reset-password", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://localhost:5173",
      },
      body: JSON.stringify({ newPassword: "a brand new password", token }),
    });
    expect(reset.status).toBe(200);
    expect(
      (await signIn(t, { email: user.email, password: "a brand new password" }))
        .status,
    ).toBe(200);
  });

  test.each([
    [{ email: "not-an-email", name: "Ada" }, /not a valid email/],
    [{ email: "", name: "Ada" }, /Email is required/],
    [{ email: "ada@example.com", name: "  " }, /Name is required/],
    [{ email: "ada@example.com", name: "Ada", password: "short" }, /too short/],
  ])(
    "bad input %j: a clear error and nothing written",
    async (args, message) => {
      const t = makeBackend();
      const before = await snapshot(t);
      await expect(t.action(createAdminUser, args)).rejects.toSatisfy(
        (error: unknown) => {
          const data = (error as { data?: { code: string; message: string } })
            .data;
          return data?.code === "INVALID_INPUT" && message.test(data.message);
        },
      );
      expect(await snapshot(t)).toEqual(before);
    },
  );
});
