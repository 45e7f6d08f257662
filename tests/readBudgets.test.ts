/**
 * Database reads per call, measured with Convex's transaction metrics
 * (`ctx.meta.getTransactionMetrics()`, which convex-test implements): `me`
 * and the notes list read a bounded number of documents however much data
 * there is, and the admin users list reads about one page at 10,000 users.
 */
import { makeFunctionReference } from "convex/server";
import { describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import {
  asSession,
  makeBackend,
  newUser,
  signInSession,
  signUp,
  type Backend,
} from "./support/backend";

type Client = Pick<Backend, "run">;

/** Documents read by one call of `fn`, as the transaction metrics count them. */
async function documentsRead(
  client: Client,
  run: (ctx: Parameters<Parameters<Backend["run"]>[0]>[0]) => Promise<unknown>,
) {
  return await client.run(async (ctx) => {
    const before = await ctx.meta.getTransactionMetrics();
    await run(ctx);
    const after = await ctx.meta.getTransactionMetrics();
    return after.documentsRead.used - before.documentsRead.used;
  });
}

type RunCtx = Parameters<Parameters<Backend["run"]>[0]>[0];

/** One call of a public query, by name, inside the measuring transaction. */
const query = (name: string, args: Record<string, unknown>) => (ctx: RunCtx) =>
  ctx.runQuery(makeFunctionReference<"query">(name), args);

describe("reads per call stay within budget", () => {
  test("users:me and notes:list read O(1) documents, whatever the data size", async () => {
    const t = makeBackend();
    const asUser = await asSession(t, await signUp(t, newUser()));
    const me = await asUser.query(api.users.me, {});
    await t.run(async (ctx) => {
      for (let i = 0; i < 300; i++)
        await ctx.db.insert("notes", { userId: me!._id, text: `note ${i}` });
    });
    const meReads = await documentsRead(asUser, query("users:me", {}));
    const listReads = await documentsRead(asUser, query("notes:list", {}));
    console.log(
      `reads: users:me ${meReads}, notes:list ${listReads} (300 notes stored)`,
    );
    expect(meReads).toBeLessThanOrEqual(5);
    expect(listReads).toBeLessThanOrEqual(100 + 5);
  });

  test("admin:listUsers reads about one page at 10,000 users", async () => {
    const t = makeBackend();
    const admin = newUser("admin");
    await t.action(internal.adminSetup.createAdminUser, admin);
    const asAdmin = await asSession(t, await signInSession(t, admin));
    await t.run(async (ctx) => {
      for (let i = 0; i < 10_000; i++) {
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
    const PAGE = 25;
    const reads = await documentsRead(
      asAdmin,
      query("admin:listUsers", {
        paginationOpts: { numItems: PAGE, cursor: null },
      }),
    );
    const searchReads = await documentsRead(
      asAdmin,
      query("admin:listUsers", {
        search: "seed99",
        paginationOpts: { numItems: PAGE, cursor: null },
      }),
    );
    console.log(
      `reads: admin:listUsers ${reads}, with search ${searchReads} (page ${PAGE}, 10,001 users)`,
    );
    expect(reads).toBeLessThanOrEqual(PAGE + 6);
    expect(searchReads).toBeLessThanOrEqual(PAGE + 6);
  }, 120_000);
});
