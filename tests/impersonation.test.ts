/**
 * Admins viewing the app as a user (Better Auth's admin plugin, configured in
 * convex/adminPlugin.ts; audit, expiry and the banner's query in
 * convex/impersonation.ts), through the real auth routes.
 */
import { admin as adminPluginOf } from "better-auth/plugins/admin";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import { IMPERSONATION_MINUTES } from "../convex/adminPlugin";
import { AUTH_ROUTES } from "../convex/authRoutes";
import {
  appRowOf,
  hasCode,
  asSession,
  authFetch,
  authRows,
  type Backend,
  makeBackend,
  mergeCookies,
  newUser,
  PASSWORD,
  signIn,
  signInSession,
  signUp,
  SITE_URL,
} from "./support/backend";

type Row = Awaited<ReturnType<typeof appRowOf>>;
const rowOf = appRowOf;

/** Sessions that are views as another user. */
async function viewSessions(t: Backend) {
  const sessions = await authRows<{ impersonatedBy?: string | null }>(
    t,
    "session",
  );
  return sessions.filter((session) => session.impersonatedBy);
}

/** An admin bootstrapped from the CLI and a user, each signed in. */
async function setup() {
  const t = makeBackend();
  const adminUser = newUser("admin");
  await t.action(internal.adminSetup.createAdminUser, adminUser);
  const adminCookie = (await signInSession(t, adminUser)).cookie;
  const user = newUser("helped");
  const userSession = await signUp(t, user);
  const userRow = await rowOf(t, user.email);
  const adminRow = await rowOf(t, adminUser.email);
  return { t, adminUser, adminCookie, adminRow, user, userSession, userRow };
}

async function impersonate(t: Backend, cookie: string, authId: string) {
  return await authFetch(t, "/admin/impersonate-user", {
    cookie,
    body: { userId: authId },
  });
}

/** Starts a view as `userRow`; returns the cookies the SPA then holds. */
async function startView(t: Backend, adminCookie: string, userRow: Row) {
  const response = await impersonate(t, adminCookie, userRow.authId);
  expect(response.status).toBe(200);
  return mergeCookies(adminCookie, response);
}

async function auditActions(t: Backend) {
  const rows = await t.run(
    async (ctx) => await ctx.db.query("auditLog").collect(),
  );
  return rows.map(({ action, actorEmail, targetEmail }) => ({
    action,
    actorEmail,
    targetEmail,
  }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe("an admin views the app as a user", () => {
  test("the view runs as the user, says whose it is, and is in the audit log", async () => {
    const { t, adminCookie, adminRow, user, userRow } = await setup();
    const before = Date.now();
    const viewCookie = await startView(t, adminCookie, userRow);

    const session = (await (
      await authFetch(t, "/get-session", { cookie: viewCookie })
    ).json()) as {
      user: { email: string };
      session: { impersonatedBy: string };
    };
    expect(session.user.email).toBe(user.email);
    expect(session.session.impersonatedBy).toBe(adminRow.authId);

    const asView = await asSession(t, { cookie: viewCookie });
    expect(await asView.query(api.users.me, {})).toMatchObject({
      email: user.email,
    });
    const current = await asView.query(api.impersonation.current, {});
    expect(current).toMatchObject({
      email: user.email,
      adminEmail: adminRow.email,
    });
    const minutes = (current!.endsAt - before) / 60_000;
    expect(minutes).toBeGreaterThan(IMPERSONATION_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(IMPERSONATION_MINUTES + 1);
    // The admin's own session answers null: nobody is viewing as them.
    const asAdmin = await asSession(t, { cookie: adminCookie });
    expect(await asAdmin.query(api.impersonation.current, {})).toBeNull();
    // The console lists the view among the user's sessions, marked as such.
    const detail = await asAdmin.query(api.admin.userDetail, {
      userId: userRow._id,
    });
    expect(detail!.auth.sessions.map((s) => s.adminView).sort()).toEqual([
      false,
      true,
    ]);

    expect(await auditActions(t)).toEqual([
      {
        action: "impersonate",
        actorEmail: adminRow.email,
        targetEmail: user.email,
      },
    ]);
  });

  test("the view has no admin powers, even once the user is made an admin", async () => {
    const { t, adminCookie, userRow } = await setup();
    const viewCookie = await startView(t, adminCookie, userRow);
    const asView = await asSession(t, { cookie: viewCookie });
    const page = { paginationOpts: { numItems: 5, cursor: null } };
    await expect(asView.query(api.admin.listUsers, page)).rejects.toSatisfy(
      hasCode("FORBIDDEN"),
    );
    const asAdmin = await asSession(t, { cookie: adminCookie });
    await asAdmin.mutation(api.admin.setRole, {
      userId: userRow._id,
      role: "admin",
    });
    await expect(asView.query(api.admin.listUsers, page)).rejects.toSatisfy(
      hasCode("FORBIDDEN"),
    );
  });

  test("while viewing, the user's sign-in details and account can't be changed", async () => {
    const { t, adminCookie, user, userRow } = await setup();
    const viewCookie = await startView(t, adminCookie, userRow);
    const attempts: [string, Record<string, unknown>][] = [
      [
        "/change-password",
        { currentPassword: PASSWORD, newPassword: "another long password" },
      ],
      ["/change-email", { newEmail: "taken-over@example.com" }],
      ["/update-user", { name: "Renamed" }],
      ["/delete-user", { password: PASSWORD }],
      ["/two-factor/enable", { password: PASSWORD }],
      ["/two-factor/disable", { password: PASSWORD }],
      ["/unlink-account", { providerId: "credential" }],
      ["/revoke-other-sessions", {}],
    ];
    for (const [path, body] of attempts) {
      const response = await authFetch(t, path, { cookie: viewCookie, body });
      expect(response.status, path).toBe(403);
      expect(await response.json(), path).toMatchObject({
        code: "IMPERSONATING",
      });
    }
    // The SPA sends its session in the cross-domain plugin's header instead
    // of a cookie: refused all the same.
    const fromSpa = await t.fetch("/api/auth/update-user", {
      method: "POST",
      headers: {
        origin: SITE_URL,
        "content-type": "application/json",
        "better-auth-cookie": viewCookie,
      },
      body: JSON.stringify({ name: "Renamed" }),
    });
    expect(fromSpa.status).toBe(403);
    const passkeyOptions = await authFetch(
      t,
      "/passkey/generate-register-options",
      { cookie: viewCookie },
    );
    expect(passkeyOptions.status).toBe(403);
    // Reading is fine: Settings lists the user's passkeys.
    const passkeys = await authFetch(t, "/passkey/list-user-passkeys", {
      cookie: viewCookie,
    });
    expect(passkeys.status).toBe(200);

    // Nothing changed: same name and email, and the password still works.
    expect(await rowOf(t, user.email)).toMatchObject({ name: user.name });
    expect((await signIn(t, user)).status).toBe(200);
    // The user's own session is not refused anything.
    const own = await signInSession(t, user);
    const rename = await authFetch(t, "/update-user", {
      cookie: own.cookie,
      body: { name: "Own choice" },
    });
    expect(rename.status).toBe(200);
  });

  test("Stop returns to the admin's own session and logs the end", async () => {
    const { t, adminCookie, adminRow, user, userRow } = await setup();
    const viewCookie = await startView(t, adminCookie, userRow);
    const stop = await authFetch(t, "/admin/stop-impersonating", {
      cookie: viewCookie,
      body: {},
    });
    expect(stop.status).toBe(200);
    const backCookie = mergeCookies(viewCookie, stop);
    const session = (await (
      await authFetch(t, "/get-session", { cookie: backCookie })
    ).json()) as { user: { email: string } };
    expect(session.user.email).toBe(adminRow.email);
    // The view's session is gone, not just left behind.
    expect(await viewSessions(t)).toEqual([]);
    expect((await auditActions(t)).map((entry) => entry.action)).toEqual([
      "impersonate",
      "impersonate-stop",
    ]);
    expect((await auditActions(t))[1]).toMatchObject({
      actorEmail: adminRow.email,
      targetEmail: user.email,
    });
  });

  test("the view ends on its own after its time, signing the view out", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { t, adminCookie, userRow } = await setup();
    const viewCookie = await startView(t, adminCookie, userRow);
    const asView = await asSession(t, { cookie: viewCookie });
    expect(await asView.query(api.users.me, {})).not.toBeNull();

    vi.advanceTimersByTime(IMPERSONATION_MINUTES * 60_000 + 1_000);
    await t.finishInProgressScheduledFunctions();
    expect(await asView.query(api.users.me, {})).toBeNull();
    expect(await viewSessions(t)).toEqual([]);
    expect((await auditActions(t)).map((entry) => entry.action)).toEqual([
      "impersonate",
      "impersonate-expired",
    ]);
  });

  test("a view ends when its admin is no longer an admin", async () => {
    const { t, adminCookie, adminRow, userRow } = await setup();
    const viewCookie = await startView(t, adminCookie, userRow);
    const asView = await asSession(t, { cookie: viewCookie });
    const other = newUser("other-admin");
    await t.action(internal.adminSetup.createAdminUser, other);
    const asOther = await asSession(t, await signInSession(t, other));
    await asOther.mutation(api.admin.setRole, {
      userId: adminRow._id,
      role: "user",
    });
    expect(await asView.query(api.users.me, {})).toBeNull();
    expect(await asView.query(api.impersonation.current, {})).toBeNull();
  });
});

describe("who can be viewed as, and by whom", () => {
  test("other admins can't be viewed as", async () => {
    const { t, adminCookie } = await setup();
    const other = newUser("other-admin");
    const { authId } = await t.action(
      internal.adminSetup.createAdminUser,
      other,
    );
    const response = await impersonate(t, adminCookie, authId);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      code: "YOU_CANNOT_IMPERSONATE_ADMINS",
    });
  });

  test("a user can't view as anyone, and a disabled user can't be viewed as", async () => {
    const { t, adminCookie, userSession, userRow } = await setup();
    const victim = newUser("victim");
    const { userId: victimAuthId } = await signUp(t, victim);
    const byUser = await impersonate(t, userSession.cookie, victimAuthId);
    expect(byUser.status).toBe(403);

    const asAdmin = await asSession(t, { cookie: adminCookie });
    await asAdmin.mutation(api.admin.setDisabled, {
      userId: userRow._id,
      disabled: true,
    });
    const disabled = await impersonate(t, adminCookie, userRow.authId);
    expect(disabled.status).toBe(403);
    expect(await disabled.json()).toMatchObject({ code: "ACCOUNT_DISABLED" });
    // Refused views leave no session and no audit entry behind.
    expect(await viewSessions(t)).toEqual([]);
    expect(
      (await auditActions(t)).filter((entry) =>
        entry.action.startsWith("impersonate"),
      ),
    ).toEqual([]);
  });

  test("only the two impersonation routes of the admin plugin answer; the console replaces the rest", async () => {
    const { t, adminCookie, userRow } = await setup();
    const pluginPaths = Object.values(adminPluginOf().endpoints).map(
      (endpoint) => endpoint.path,
    );
    const on = pluginPaths.filter((path) => AUTH_ROUTES[path]?.use !== "off");
    expect(on.sort()).toEqual([
      "/admin/impersonate-user",
      "/admin/stop-impersonating",
    ]);
    for (const path of pluginPaths.filter((path) => !on.includes(path))) {
      const response = await authFetch(t, path, {
        cookie: adminCookie,
        body: { userId: userRow.authId, role: "admin" },
      });
      expect(response.status, path).toBe(404);
    }
    // Not made an admin through the plugin's set-role.
    expect((await rowOf(t, userRow.email)).role).toBe("user");
  });
});
