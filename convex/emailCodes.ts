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
import { emailOTP } from "better-auth/plugins/email-otp";
import type { DataModel } from "./_generated/dataModel";
import { authRefusal } from "./authInput";
import { localeOfAddress, mailCtx, sendEmail } from "./email";
import { siteUrl } from "./env";

/** How long a code works; the emails say so. */
export const CODE_LIFETIME_SECONDS = 5 * 60;
/** Wrong tries before a code is spent; a new one must be asked for. */
export const CODE_ATTEMPTS = 3;

/** Better Auth's code kinds this app sends, and their templates. */
const TEMPLATES = {
  "sign-in": "signInCode",
  "email-verification": "verifyAddressCode",
} as const;

export function emailCodesPlugin(ctx: GenericCtx<DataModel>) {
  return emailOTP({
    otpLength: 6,
    expiresIn: CODE_LIFETIME_SECONDS,
    allowedAttempts: CODE_ATTEMPTS,
    // Stored as a hash: a copy of the verification table holds no code.
    storeOTP: "hashed",
    // Accounts are made on the sign-up page (with a name). A code for an
    // address without one is never sent, and the answer is the same.
    disableSignUp: true,
    sendVerificationOTP: async ({ email, otp, type }, request) => {
      // The other kinds' routes are off (convex/authRoutes.ts).
      if (type !== "sign-in" && type !== "email-verification") {
        throw authRefusal("NOT_FOUND", "NOT_FOUND", "Not found");
      }
      await sendEmail(mailCtx(ctx), {
        to: email,
        template: TEMPLATES[type],
        props: { code: otp },
        locale: await localeOfAddress(request, email),
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

/**
 * Better Auth's stored form of an emailed code or magic-link token
 * (`storeOTP: "hashed"`, `storeToken: "hashed"`): SHA-256, base64url.
 */
export async function hashedToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(token),
  );
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * Before `/magic-link/verify`: the browser followed the emailed link onto
 * the Convex site, so for an account with two-factor it goes back to the
 * SPA (the link's `errorCallbackURL`, else the sign-in page) with the
 * reason, as Better Auth does for a used link, instead of a JSON refusal
 * on the Convex site. The token is only looked up, not used. The session
 * hook refuses such a sign-in anyway.
 */
export async function redirectMagicLinkPastTwoFactor(
  request: GenericEndpointContext,
): Promise<void> {
  const token = request.query?.token;
  if (typeof token !== "string") return;
  const row = await request.context.internalAdapter.findVerificationValue(
    await hashedToken(token),
  );
  let email: unknown;
  try {
    email = row ? (JSON.parse(row.value) as { email?: unknown }).email : null;
  } catch {
    return;
  }
  if (typeof email !== "string") return;
  const user = await request.context.internalAdapter.findUserByEmail(email);
  if (
    !(user?.user as { twoFactorEnabled?: boolean | null } | undefined)
      ?.twoFactorEnabled
  ) {
    return;
  }
  // The SPA sends it relative to itself (src/lib/signInRedirect.ts); only
  // ever a page of the SPA's own origin.
  const site = new URL(siteUrl());
  const asked = request.query?.errorCallbackURL;
  let target = new URL("/sign-in", site);
  if (typeof asked === "string") {
    try {
      const url = new URL(asked, site);
      if (url.origin === site.origin) target = url;
    } catch {
      // Not a URL: the sign-in page.
    }
  }
  target.searchParams.set("error", "TWO_FACTOR_REQUIRED");
  throw request.redirect(target.toString());
}
