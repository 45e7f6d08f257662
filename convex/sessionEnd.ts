import { components } from "./_generated/api";
import { query } from "./_generated/server";
import { getCaller } from "./authorization";
import { findAuthUser } from "./authData";
import { appUserByAuthId } from "./model/users";

/**
 * Why the session behind the caller's JWT no longer works, so the SPA can
 * say why it signed out (src/lib/sessionEnd.ts has the messages).
 * Whether it works is getCaller's decision alone (convex/authorization.ts);
 * this only explains a "no". The JWT is the server's own, signed for this
 * user and session, so the answer is about the caller's own account.
 */
export type SessionEndReason =
  | "ACCOUNT_DELETED"
  | "ACCOUNT_DISABLED"
  | "SESSION_EXPIRED"
  | "SESSION_REVOKED";

/**
 * Null when there is nothing to explain: no JWT at all, or its session still
 * works. Public: "ended" is an answer here, not an error.
 */
export const reason = query({
  args: {},
  handler: async (ctx): Promise<SessionEndReason | null> => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity || typeof identity.sessionId !== "string") return null;
    if (await getCaller(ctx)) return null;
    const user = await appUserByAuthId(ctx, identity.subject);
    if (!user || !(await findAuthUser(ctx, identity.subject)))
      return "ACCOUNT_DELETED";
    if (user.disabled) return "ACCOUNT_DISABLED";
    const session = (await ctx.runQuery(components.betterAuth.adapter.findOne, {
      model: "session",
      where: [{ field: "_id", value: identity.sessionId }],
    })) as { expiresAt: number } | null;
    if (session && session.expiresAt <= Date.now()) return "SESSION_EXPIRED";
    // Gone: signed out on another device, revoked from Settings, or ended by
    // an admin (their revocation, or the end of a view as this user).
    return "SESSION_REVOKED";
  },
});
