import { query } from "./_generated/server";
import { getCurrentUser } from "./authorization";

/**
 * The signed-in user's app row (with role), or null when signed out or when
 * the session behind the token has been revoked.
 *
 * Public without a builder on purpose: "not signed in" is an answer here
 * (null), not an error, so the SPA can use it to render either state.
 */
export const me = query({
  args: {},
  handler: async (ctx) => await getCurrentUser(ctx),
});
