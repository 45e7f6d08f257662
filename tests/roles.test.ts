/**
 * The role has one source of truth, the Better Auth user's `role` (admin
 * plugin); the app `users` row mirrors it through the onUpdate trigger
 * (convex/roles.ts, convex/userSync.ts).
 */
import { describe, expect, test } from "vitest";
import { api, components, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  authFetch,
  authRows,
  type Backend,
  finishScheduled,
  makeBackend,
  newUser,
  signInSession,
  signUp,
} from "./support/backend";

type AuthUserWithRole = { _id: string; email: string; role?: string | null };

async function rolesOf(t: Backend, email: string) {
  const authUser = (await authRows<AuthUserWithRole>(t, "user")).find(
    (user) => user.email === email,
  );
  const row = (await appUsers(t)).find((user) => user.email === email);
  return { auth: authUser?.role, app: row?.role, row: row! };
}

/** What a deployment from before the admin plugin holds: no role on the auth user. */
async function forgetAuthRole(t: Backend, authId: string): Promise<void> {
  await t.run(async (ctx) => {
    // No trigger handle: the app row is left as it was.
    await ctx.runMutation(components.betterAuth.adapter.updateOne, {
      input: {
        model: "user",
        where: [{ field: "_id", value: authId }],
        update: { role: null },
      },
    });
  });
}

describe("one source of truth for the role", () => {
  test("sign-up, the CLI bootstrap and the console write the auth user; the app row follows", async () => {
    const t = makeBackend();
    const user = newUser("plain");
    await signUp(t, user);
    expect(await rolesOf(t, user.email)).toMatchObject({
      auth: "user",
      app: "user",
    });

    const admin = newUser("admin");
    await t.action(internal.adminSetup.createAdminUser, admin);
    expect(await rolesOf(t, admin.email)).toMatchObject({
      auth: "admin",
      app: "admin",
    });

    const asAdmin = await asSession(t, await signInSession(t, admin));
    const { row } = await rolesOf(t, user.email);
    await asAdmin.mutation(api.admin.setRole, {
      userId: row._id,
      role: "admin",
    });
    expect(await rolesOf(t, user.email)).toMatchObject({
      auth: "admin",
      app: "admin",
    });
    await asAdmin.mutation(api.admin.setRole, {
      userId: row._id,
      role: "user",
    });
    expect(await rolesOf(t, user.email)).toMatchObject({
      auth: "user",
      app: "user",
    });
  });

  test("a role that can't be written is refused with a clear error, and nothing changes", async () => {
    const t = makeBackend();
    const admin = newUser("admin");
    await t.action(internal.adminSetup.createAdminUser, admin);
    const asAdmin = await asSession(t, await signInSession(t, admin));
    // An app row whose auth user is gone (drift the doctor reports).
    const orphan = await t.run(
      async (ctx) =>
        await ctx.db.insert("users", {
          authId: "gone",
          email: "gone@example.com",
          name: "Gone",
          emailVerified: true,
          role: "user",
          createdAt: 0,
          updatedAt: 0,
        }),
    );
    await expect(
      asAdmin.mutation(api.admin.setRole, { userId: orphan, role: "admin" }),
    ).rejects.toSatisfy(
      (e) => (e as { data?: { code?: string } }).data?.code === "NOT_FOUND",
    );
    const row = await t.run(async (ctx) => await ctx.db.get("users", orphan));
    expect(row?.role).toBe("user");
  });
});

describe("upgrading a deployment from before the admin plugin", () => {
  test("an admin whose role is on the app row only stays an admin, can't be viewed as, and roles:copyToAuthUsers moves the role", async () => {
    const t = makeBackend();
    const legacy = newUser("legacy-admin");
    const { authId } = await t.action(
      internal.adminSetup.createAdminUser,
      legacy,
    );
    await forgetAuthRole(t, authId);
    expect(await rolesOf(t, legacy.email)).toMatchObject({
      auth: null,
      app: "admin",
    });

    // An update to the auth user (a new name) keeps the app row's role.
    const legacyCookie = (await signInSession(t, legacy)).cookie;
    const rename = await authFetch(t, "/update-user", {
      cookie: legacyCookie,
      body: { name: "Renamed Admin" },
    });
    expect(rename.status).toBe(200);
    expect((await rolesOf(t, legacy.email)).app).toBe("admin");

    // Another admin can't view as them, although the plugin alone would
    // take them for a user: the app row is checked too.
    const other = newUser("other-admin");
    await t.action(internal.adminSetup.createAdminUser, other);
    const otherCookie = (await signInSession(t, other)).cookie;
    const view = await authFetch(t, "/admin/impersonate-user", {
      cookie: otherCookie,
      body: { userId: authId },
    });
    expect(view.status).toBe(403);
    expect(await view.json()).toMatchObject({
      code: "YOU_CANNOT_IMPERSONATE_ADMINS",
    });
    const sessions = await authRows<{ impersonatedBy?: string | null }>(
      t,
      "session",
    );
    expect(sessions.filter((s) => s.impersonatedBy)).toEqual([]);

    expect(await t.mutation(internal.roles.copyToAuthUsers, {})).toEqual({
      copied: 1,
    });
    await finishScheduled(t);
    expect(await rolesOf(t, legacy.email)).toMatchObject({
      auth: "admin",
      app: "admin",
    });
    // Idempotent.
    expect(await t.mutation(internal.roles.copyToAuthUsers, {})).toEqual({
      copied: 0,
    });
  });
});
