import { paginationOptsValidator } from "convex/server";
import { adminQuery } from "./authorization";

/** All app users, newest first, a page at a time (admins only). */
export const listUsers = adminQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    return await ctx.db.query("users").order("desc").paginate(paginationOpts);
  },
});
