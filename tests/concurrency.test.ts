import { describe, expect, test } from "vitest";
import { internal } from "../convex/_generated/api";
import {
  appUsers,
  authFetch,
  authRows,
  makeBackend,
  newUser,
} from "./support/backend";

describe("concurrent writes keep one auth user per email, each with one app row", () => {
  test("50 concurrent sign-ups with the same email: exactly one account", async () => {
    const t = makeBackend();
    const user = newUser();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        authFetch(t, "/sign-up/email", {
          body: {
            ...user,
            email: i % 2 ? user.email.toUpperCase() : user.email,
          },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(await authRows(t, "user")).toHaveLength(1);
    expect(await authRows(t, "account")).toHaveLength(1);
    expect(await appUsers(t)).toHaveLength(1);
  });

  test("50 concurrent sign-ups with distinct emails: 50 accounts and 50 app rows", async () => {
    const t = makeBackend();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        authFetch(t, "/sign-up/email", { body: newUser() }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const [users, rows] = [await authRows(t, "user"), await appUsers(t)];
    expect(users).toHaveLength(50);
    expect(rows.map((r) => r.authId).sort()).toEqual(
      users.map((u) => u._id).sort(),
    );
  });

  test("concurrent createAdminUser for one email: one user, one admin", async () => {
    const t = makeBackend();
    const admin = newUser("admin");
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        t.action(internal.adminSetup.createAdminUser, admin),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    const created = results.filter(
      (r) => r.status === "fulfilled" && r.value.created,
    );
    expect(created).toHaveLength(1);
    expect(await authRows(t, "user")).toHaveLength(1);
    expect(await authRows(t, "account")).toHaveLength(1);
    expect(await appUsers(t)).toMatchObject([
      { email: admin.email, role: "admin" },
    ]);
  });
});
