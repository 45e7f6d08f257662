/**
 * Database reads per call, measured with Convex's transaction metrics
 * (`ctx.meta.getTransactionMetrics()`, which convex-test implements). Shared
 * by tests/readBudgets.test.ts, which fails over budget, and `npm run bench`,
 * which prints the figures.
 */
import { makeFunctionReference } from "convex/server";
import { api, internal } from "../../convex/_generated/api";
import {
  asSession,
  makeBackend,
  newUser,
  signInSession,
  signUp,
  type Backend,
} from "./backend";

export const NOTES_STORED = 300;
export const USERS_STORED = 10_000;
export const PAGE_SIZE = 25;

/** Most documents one call may read: O(1) for a user's own data, O(page) for the admin list. */
export const READ_BUDGETS = {
  me: 5,
  notesList: 100 + 5,
  adminList: PAGE_SIZE + 6,
  adminSearch: PAGE_SIZE + 6,
};

type RunCtx = Parameters<Parameters<Backend["run"]>[0]>[0];

/** Documents read by one call of the public query `name`. */
async function documentsRead(
  client: Pick<Backend, "run">,
  name: string,
  args: Record<string, unknown> = {},
): Promise<number> {
  return await client.run(async (ctx: RunCtx) => {
    const before = await ctx.meta.getTransactionMetrics();
    await ctx.runQuery(makeFunctionReference<"query">(name), args);
    const after = await ctx.meta.getTransactionMetrics();
    return after.documentsRead.used - before.documentsRead.used;
  });
}

/** `users:me` and `notes:list` for a user with NOTES_STORED notes. */
export async function userReads() {
  const t = makeBackend();
  const asUser = await asSession(t, await signUp(t, newUser()));
  const me = await asUser.query(api.users.me, {});
  if (!me) throw new Error("The signed-up user has no app row.");
  await t.run(async (ctx) => {
    for (let i = 0; i < NOTES_STORED; i++)
      await ctx.db.insert("notes", { userId: me._id, text: `note ${i}` });
  });
  return {
    me: await documentsRead(asUser, "users:me"),
    notesList: await documentsRead(asUser, "notes:list"),
  };
}

/** `admin:listUsers`, one page, plain and searching, among USERS_STORED users. */
export async function adminReads() {
  const t = makeBackend();
  const admin = newUser("admin");
  await t.action(internal.adminSetup.createAdminUser, admin);
  const asAdmin = await asSession(t, await signInSession(t, admin));
  await t.run(async (ctx) => {
    for (let i = 0; i < USERS_STORED; i++) {
      await ctx.db.insert("users", {
        authId: `seed-${i}`,
        email: `seed${i}@example.com`,
        name: `Seed ${i}`,
        emailVerified: false,
        role: "user",
        createdAt: i,
        updatedAt: i,
      });
    }
  });
  const paginationOpts = { numItems: PAGE_SIZE, cursor: null };
  return {
    adminList: await documentsRead(asAdmin, "admin:listUsers", {
      paginationOpts,
    }),
    adminSearch: await documentsRead(asAdmin, "admin:listUsers", {
      search: "seed99",
      paginationOpts,
    }),
  };
}
