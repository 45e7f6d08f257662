/**
 * One-time codes by email (Better Auth's emailOTP plugin): a six-digit code
 * to sign in, or to verify an address, as an alternative to the emailed
 * link. Its routes, limits and verification rows are in
 * convex/authRoutes.ts and convex/verificationKinds.ts; what a code does to
 * a password set before the address was verified, in
 * convex/unprovenPassword.ts.
 */
import type { GenericEndpointContext } from "@better-auth/core";
import type { GenericCtx } from "@convex-dev/better-auth";
import { requireRunMutationCtx } from "@convex-dev/better-auth/utils";
import { emailOTP } from "better-auth/plugins/email-otp";
import type { DataModel } from "./_generated/dataModel";
import { authRefusal } from "./authInput";
import { sendEmail } from "./email";
import { EMAIL_TEXTS } from "./emailTexts";

/** How long a code works; the emails say so. */
export const CODE_LIFETIME_SECONDS = 5 * 60;
/** Wrong tries before a code is spent; a new one must be asked for. */
export const CODE_ATTEMPTS = 3;

const TEXTS = {
  "sign-in": { ...EMAIL_TEXTS.signInCode, page: "/sign-in" },
  "email-verification": { ...EMAIL_TEXTS.verifyAddressCode, page: "/sign-up" },
} as const;

export function emailCodesPlugin(ctx: GenericCtx<DataModel>, appUrl: string) {
  return emailOTP({
    otpLength: 6,
    expiresIn: CODE_LIFETIME_SECONDS,
    allowedAttempts: CODE_ATTEMPTS,
    // Stored as a hash: a copy of the verification table holds no code.
    storeOTP: "hashed",
    // Accounts are made on the sign-up page (with a name). A code for an
    // address without one is never sent, and the answer is the same.
    disableSignUp: true,
    sendVerificationOTP: async ({ email, otp, type }) => {
      // The other kinds' routes are off (convex/authRoutes.ts).
      if (type !== "sign-in" && type !== "email-verification") {
        throw authRefusal("NOT_FOUND", "NOT_FOUND", "Not found");
      }
      const { subject, text, page } = TEXTS[type];
      await sendEmail(requireRunMutationCtx(ctx), {
        to: email,
        subject,
        text: `${text}\n\nYour code: ${otp}`,
        link: `${appUrl}${page}`,
      });
    },
  });
}

/**
 * Sign-ins that prove only the inbox: an emailed link or code. Better
 * Auth's two-factor plugin intercepts password sign-ins only, so on an
 * account with two-factor these would get past it with the inbox alone;
 * the session hook in convex/auth.ts refuses them there
 * (TWO_FACTOR_REQUIRED). A passkey is two factors by itself
 * (docs/features.md).
 */
export const INBOX_SIGN_IN_PATHS = ["/sign-in/email-otp", "/magic-link/verify"];

export async function refuseInboxSignInPastTwoFactor(
  context: GenericEndpointContext | null | undefined,
  userId: string,
): Promise<void> {
  if (!context || !INBOX_SIGN_IN_PATHS.includes(context.path ?? "")) return;
  const user = await context.context.internalAdapter.findUserById(userId);
  if (
    (user as { twoFactorEnabled?: boolean | null } | null)?.twoFactorEnabled
  ) {
    throw authRefusal("FORBIDDEN", "TWO_FACTOR_REQUIRED");
  }
}
