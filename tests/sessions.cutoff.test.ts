/**
 * Every way a session can end cuts off the user's Convex queries and
 * mutations at once, while their JWT (15 minutes) is still unexpired.
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  authFetch,
  makeBackend,
  newUser,
  PASSWORD,
  signInSession,
  signUp,
  type Backend,
  type Session,
} from "./support/backend";

type Ending = (
  t: Backend,
  victim: Session & { email: string },
) => Promise<void>;

type Reason = "SESSION_REVOKED" | "ACCOUNT_DISABLED" | "ACCOUNT_DELETED";

async function asAdmin(t: Backend) {
  const admin = newUser("admin");
  await t.action(internal.adminSetup.createAdminUser, admin);
  return await asSession(t, await signInSession(t, admin));
}

async function appRowId(t: Backend, email: string) {
  return (await appUsers(t)).find((u) => u.email === email)!._id;
}

const ENDINGS: [string, Ending, Reason][] = [
  [
    "sign-out",
    async (t, victim) =>
      void (await authFetch(t, "/sign-out", {
        body: {},
        cookie: victim.cookie,
      })),
    "SESSION_REVOKED",
  ],
  [
    "revocation from another session",
    async (t, victim) => {
      const other = await signInSession(t, {
        email: victim.email,
        password: PASSWORD,
      });
      const sessions = (await (
        await authFetch(t, "/list-sessions", { cookie: other.cookie })
      ).json()) as { token: string }[];
      const mine = (await (
        await authFetch(t, "/get-session", { cookie: victim.cookie })
      ).json()) as { session: { token: string } };
      expect(sessions.map((s) => s.token)).toContain(mine.session.token);
      await authFetch(t, "/revoke-session", {
        body: { token: mine.session.token },
        cookie: other.cookie,
      });
    },
    "SESSION_REVOKED",
  ],
  [
    "password change that signs out other sessions",
    async (t, victim) => {
      const other = await signInSession(t, {
        email: victim.email,
        password: PASSWORD,
      });
      await authFetch(t, "/change-password", {
        body: {
          currentPassword: PASSWORD,
          newPassword: "a different password",
          revokeOtherSessions: true,
        },
        cookie: other.cookie,
      });
    },
    "SESSION_REVOKED",
  ],
  [
    "an admin disabling the user",
    async (t, victim) => {
      const admin = await asAdmin(t);
      await admin.mutation(api.admin.setDisabled, {
        userId: await appRowId(t, victim.email),
        disabled: true,
      });
    },
    "ACCOUNT_DISABLED",
  ],
  [
    "an admin deleting the user",
    async (t, victim) => {
      const admin = await asAdmin(t);
      await admin.mutation(api.admin.deleteUser, {
        userId: await appRowId(t, victim.email),
      });
    },
    "ACCOUNT_DELETED",
  ],
  [
    "the user deleting their account",
    async (t, victim) =>
      void (await authFetch(t, "/delete-user", {
        body: { password: PASSWORD },
        cookie: victim.cookie,
      })),
    "ACCOUNT_DELETED",
  ],
];

describe("a session that ends stops working in Convex at once", () => {
  test.each(ENDINGS)("after %s", async (_label, end, reason) => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    const victim = await asSession(t, session);
    expect(await victim.query(api.users.me, {})).not.toBeNull();
    expect(await victim.query(api.sessionEnd.reason, {})).toBeNull();

    await end(t, { ...session, email: user.email });

    // Same identity, same unexpired JWT claims: refused anyway.
    expect(await victim.query(api.users.me, {})).toBeNull();
    // A subscription outlives its session: an empty answer, not an error.
    expect(await victim.query(api.notes.list, {})).toEqual([]);
    // What the SPA tells the user on the sign-in page.
    expect(await victim.query(api.sessionEnd.reason, {})).toBe(reason);
    await expect(
      victim.mutation(api.notes.create, { text: "late" }),
    ).rejects.toThrow(/sign in/);
  });
});
