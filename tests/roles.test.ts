/**
 * The role has one source of truth, the Better Auth user's `role` (admin
 * plugin); the app `users` row mirrors it through the onUpdate trigger
 * (convex/authData.ts, convex/userSync.ts).
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  authRows,
  type Backend,
  makeBackend,
  newUser,
  signInSession,
  signUp,
} from "./support/backend";
import { appUserRow } from "./support/fixtures";

type AuthUserWithRole = { _id: string; email: string; role?: string | null };

async function rolesOf(t: Backend, email: string) {
  const authUser = (await authRows<AuthUserWithRole>(t, "user")).find(
    (user) => user.email === email,
  );
  const row = (await appUsers(t)).find((user) => user.email === email);
  return { auth: authUser?.role, app: row?.role, row: row! };
}

/** What a deployment from before the admin plugin holds: no role on the auth user. */
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
        await ctx.db.insert(
          "users",
          appUserRow({
            authId: "gone",
            email: "gone@example.com",
            name: "Gone",
            emailVerified: true,
          }),
        ),
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
