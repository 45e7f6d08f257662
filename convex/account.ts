import { v } from "convex/values";
import { components } from "./_generated/api";
import { internalQuery, query } from "./_generated/server";
import { getCurrentUser } from "./authorization";
import { appUserByAuthId } from "./model/users";
import { signInProviders, type SocialProvider } from "./env";

/**
 * Which social sign-in buttons the SPA should show: the providers that have
 * credentials on this deployment (and the dev provider, when it is on).
 * Public on purpose (the sign-in page needs it before anyone is signed in);
 * it returns names only, never a secret.
 */
export const socialProviders = query({
  args: {},
  handler: async (): Promise<SocialProvider[]> => signInProviders(),
});

/** Used by Better Auth's session hook to refuse disabled users. */
export const status = internalQuery({
  args: { authId: v.string() },
  handler: async (ctx, { authId }) => {
    const row = await appUserByAuthId(ctx, authId);
    return row ? { disabled: row.disabled === true, role: row.role } : null;
  },
});

/** The most sign-in methods an account lists: a password and a few providers. */
const MAX_SIGN_IN_METHODS = 20;

/**
 * The signed-in user's ways to sign in, for Settings: `credential` (the
 * password) and each linked provider; null when signed out. A query rather
 * than Better Auth's `list-accounts`, so the list follows a link or unlink
 * by itself. Only the caller's own accounts, never a token: only what
 * identifies an account to unlink it.
 *
 * Public without a builder on purpose, like `users:me`: a session that just
 * ended (sign-out, account deleted, 2FA turned on) is an answer here (null),
 * not an error that would break the page while the app signs out.
 */
export const signInMethods = query({
  args: {},
  handler: async (
    ctx,
  ): Promise<{ providerId: string; accountId: string }[] | null> => {
    const user = await getCurrentUser(ctx);
    if (!user) return null;
    const accounts = await ctx.runQuery(
      components.betterAuth.adapter.findMany,
      {
        model: "account",
        where: [{ field: "userId", value: user.authId }],
        paginationOpts: { numItems: MAX_SIGN_IN_METHODS, cursor: null },
      },
    );
    return (accounts.page as { providerId: string; accountId: string }[]).map(
      ({ providerId, accountId }) => ({ providerId, accountId }),
    );
  },
});
