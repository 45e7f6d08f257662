/**
 * Bootstrapping admins from the command line:
 *
 *   npx convex run adminSetup:createAdminUser '{"email":"ada@example.com","name":"Ada"}'
 *
 * Internal only: `npx convex run` uses the deployment's admin key, so no
 * browser can ever call this and no shared secret is needed.
 */
import { v } from "convex/values";
import { appError } from "./errors";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalAction, internalMutation } from "./_generated/server";
import { createAuth } from "./auth";
import { siteUrl } from "./env";
import {
  findAuthUser,
  findAuthUserByEmail,
  roleOf,
  setAuthRole,
} from "./authData";
import { appUserByAuthId } from "./model/users";
import {
  emailProblem,
  nameProblem,
  normalizeEmail,
  passwordProblem,
} from "./validation";

export type CreateAdminResult = {
  email: string;
  authId: string;
  userId: Id<"users">;
  /** A new Better Auth user was created. */
  created: boolean;
  /** The role changed from user to admin. */
  promoted: boolean;
  /** An app row was missing (e.g. data from before the trigger) and was written. */
  repairedAppRow: boolean;
  /** Only when created without a password: a one-time link to set one. */
  passwordResetLink?: string;
};

function invalid(message: string): never {
  throw appError("INVALID_INPUT", message);
}

/** A random password nobody sees; the new admin sets theirs by reset link. */
function unusablePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const createAdminUser = internalAction({
  args: {
    email: v.string(),
    name: v.string(),
    password: v.optional(v.string()),
  },
  handler: async (ctx, args): Promise<CreateAdminResult> => {
    // Validate everything before writing anything.
    const problem =
      emailProblem(args.email) ??
      nameProblem(args.name) ??
      (args.password === undefined ? null : passwordProblem(args.password));
    if (problem) invalid(problem);
    const email = normalizeEmail(args.email);
    const name = args.name.trim();

    let authUser = await findAuthUserByEmail(ctx, email);

    let created = false;
    let passwordResetLink: string | undefined;
    if (!authUser) {
      let resetUrl: string | undefined;
      const auth = createAuth(ctx, {
        onPasswordResetUrl: (url) => (resetUrl = url),
      });
      const context = await auth.$context;
      // Better Auth's own user + credential account, the same rows a
      // sign-up writes (scrypt hash included). The onCreate trigger writes
      // the app row in the user's transaction.
      const passwordHash = await context.password.hash(
        args.password ?? unusablePassword(),
      );
      try {
        const user = await context.internalAdapter.createUser({
          email,
          name,
          // The operator vouches for the address; an admin must be able to
          // sign in with the password straight away.
          emailVerified: true,
        });
        await context.internalAdapter.linkAccount({
          userId: user.id,
          providerId: "credential",
          accountId: user.id,
          password: passwordHash,
        });
        created = true;
      } catch (error) {
        // A concurrent run won the race (the trigger refuses a second row
        // for the email): carry on with the user it created.
        if (!(await findAuthUserByEmail(ctx, email))) throw error;
      }
      authUser = await findAuthUserByEmail(ctx, email);
      if (!authUser) throw new Error("Better Auth did not store the new user.");
      if (created && args.password === undefined) {
        // Emailed when email sending is configured, and returned either way,
        // so no password has to pass through a shell history.
        await auth.api.requestPasswordReset({
          body: { email, redirectTo: `${siteUrl()}/reset-password` },
        });
        passwordResetLink = resetUrl;
      }
    }

    const granted = await ctx.runMutation(internal.adminSetup.grantAdmin, {
      authId: authUser._id,
    });
    return {
      email,
      authId: authUser._id,
      ...granted,
      created,
      ...(passwordResetLink ? { passwordResetLink } : {}),
    };
  },
});

/**
 * Makes the auth user an admin (the role's one source); the
 * onUpdate trigger mirrors it into the app row, writing the row if it was
 * missing. Idempotent.
 */
export const grantAdmin = internalMutation({
  args: { authId: v.string() },
  handler: async (ctx, { authId }) => {
    const repairedAppRow = (await appUserByAuthId(ctx, authId)) === null;
    const authUser = await findAuthUser(ctx, authId);
    if (!authUser) throw new Error("The auth user disappeared.");
    const promoted = roleOf(authUser.role) !== "admin";
    // Also run when already an admin but the app row is missing: the
    // trigger writes it.
    if (promoted || repairedAppRow) await setAuthRole(ctx, authId, "admin");
    const row = await appUserByAuthId(ctx, authId);
    if (!row || row.role !== "admin") {
      throw new Error("The app user row did not follow the role.");
    }
    return { userId: row._id, promoted, repairedAppRow };
  },
});
