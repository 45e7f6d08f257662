import { expect } from "vitest";
import { appUsers, authRows, type DataAccess } from "./backend";

/**
 * The starter's core invariant: every Better Auth user has exactly one app
 * `users` row with the same (lower-case) email, and every app row belongs to
 * an existing Better Auth user. Call it after anything that could break it.
 */
export async function expectUsersInSync(t: DataAccess): Promise<void> {
  const [authUsers, rows] = [await authRows(t, "user"), await appUsers(t)];
  const rowsByAuthId = new Map<string, number>();
  for (const row of rows)
    rowsByAuthId.set(row.authId, (rowsByAuthId.get(row.authId) ?? 0) + 1);
  for (const user of authUsers) {
    expect(
      rowsByAuthId.get(user._id),
      `app rows for auth user ${user._id}`,
    ).toBe(1);
    const row = rows.find((r) => r.authId === user._id)!;
    expect(row.email).toBe(user.email.toLowerCase());
  }
  const authIds = new Set(authUsers.map((u) => u._id));
  for (const row of rows) {
    expect(authIds.has(row.authId), `auth user for app row ${row._id}`).toBe(
      true,
    );
  }
}
