import { v } from "convex/values";
import { internalQuery, query } from "./_generated/server";
import { appUserByAuthId } from "./userSync";
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
