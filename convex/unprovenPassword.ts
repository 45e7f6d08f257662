/**
 * Account pre-hijacking: anyone can sign up with an address they don't own
 * and a password of their choosing. The account stays unusable until the
 * address is verified, but if its owner later verifies it (by the emailed
 * link, or by a magic link), the stranger's password must not survive.
 *
 * - Magic link, sign-in code: Better Auth (1.6.34) removes the password and
 *   every session of an account it verifies (`revokeUnprovenAccountAccess`).
 * - Verification link (`/verify-email`) or verification code
 *   (`/email-otp/verify-email`, where Better Auth does nothing of the kind):
 *   the password is kept only when the person shows they set it: the link
 *   is opened, or the code typed, in the browser that signed up (it holds
 *   the proof cookie set below), or they type that password. Otherwise the
 *   SPA asks; "continue without it" removes the password and every
 *   session, as for a magic link. A code is checked (not used) first, so
 *   only the inbox's owner gets as far as the question.
 *
 * Either way the owner is mailed how to choose a password
 * (`mailPasswordRemoved`, run from the account delete hook).
 */
import type { GenericEndpointContext } from "@better-auth/core";
import {
  constantTimeEqual,
  makeSignature,
  verifyJWT,
} from "better-auth/crypto";
import { revokeUnprovenAccountAccess } from "better-auth/db";
import { authRefusal, requestCookies } from "./authInput";
import { CODE_ATTEMPTS, hashedToken } from "./emailCodes";
import { normalizeEmail } from "./validation";

const PROOF_COOKIE = "sign_up_proof";

/** The routes that remove a password set before verification. */
export const UNPROVEN_PASSWORD_PATHS = [
  "/verify-email",
  "/magic-link/verify",
  "/email-otp/verify-email",
  "/sign-in/email-otp",
];

/** The routes that ask about it first (the hook below). */
export const SETTLED_PATHS = ["/verify-email", "/email-otp/verify-email"];

/** Headers the SPA's verify page sends after asking (src/pages/VerifyEmail.tsx). */
export const SIGN_UP_PASSWORD_HEADER = "x-sign-up-password";
export const REMOVE_PASSWORD_HEADER = "x-remove-unproven-password";

async function proofFor(secret: string, email: string, userId: string) {
  return await makeSignature(
    `sign-up:${normalizeEmail(email)}:${userId}`,
    secret,
  );
}

/**
 * After `/sign-up/email`: the browser that signed up gets a proof bound to
 * the address and the user it created. A taken address answers with a
 * made-up user, so its proof never matches: the answer looks the same, but
 * signing up again over a stranger's account proves nothing.
 */
export async function setSignUpProof(
  request: GenericEndpointContext,
  user: { id?: unknown; email?: unknown },
): Promise<void> {
  if (typeof user.id !== "string" || typeof user.email !== "string") return;
  const cookie = request.context.createAuthCookie(PROOF_COOKIE, {
    maxAge: 60 * 60 * 24,
  });
  request.setCookie(
    cookie.name,
    await proofFor(request.context.secret, user.email, user.id),
    cookie.attributes,
  );
}

/** The address a verification link's signed token names (not a change of address). */
async function addressOfLink(
  request: GenericEndpointContext,
): Promise<string | null> {
  const token = request.query?.token;
  if (typeof token !== "string") return null;
  const payload = await verifyJWT(token, request.context.secret);
  // Changes of address are the signed-in owner's own; bad tokens fail later.
  if (typeof payload?.email !== "string" || payload.updateTo) return null;
  return payload.email;
}

/**
 * The address a verification code is for, when the code is right: checked
 * as Better Auth will check it (`storeOTP: "hashed"`, convex/emailCodes.ts),
 * without using it or counting a try. A wrong code gets null, and the route
 * refuses it as usual.
 */
async function addressOfCode(
  request: GenericEndpointContext,
): Promise<string | null> {
  const { email, otp } = (request.body ?? {}) as Record<string, unknown>;
  if (typeof email !== "string" || typeof otp !== "string") return null;
  const address = email.toLowerCase();
  const row = await request.context.internalAdapter.findVerificationValue(
    `email-verification-otp-${address}`,
  );
  if (!row || row.expiresAt < new Date()) return null;
  const split = row.value.lastIndexOf(":");
  const [stored, tries] = [
    row.value.slice(0, split),
    row.value.slice(split + 1),
  ];
  if (Number(tries) >= CODE_ATTEMPTS) return null;
  const hashed = await hashedToken(otp);
  return constantTimeEqual(hashed, stored) ? address : null;
}

/**
 * Before `/verify-email` and `/email-otp/verify-email`: keeps, asks about,
 * or removes a password that was set before the address was verified.
 * Throws 409 CONFIRM_SIGN_UP_PASSWORD when the SPA must ask, 401
 * SIGN_UP_PASSWORD_MISMATCH for a wrong answer.
 */
export async function settleUnprovenPassword(
  request: GenericEndpointContext,
): Promise<void> {
  const address =
    request.path === "/verify-email"
      ? await addressOfLink(request)
      : await addressOfCode(request);
  if (!address) return;
  const found = await request.context.internalAdapter.findUserByEmail(address, {
    includeAccounts: true,
  });
  if (!found || found.user.emailVerified) return;
  const credential = found.accounts.find(
    (account) => account.providerId === "credential" && account.password,
  );
  if (!credential?.password) return;

  const headers = request.request?.headers ?? request.headers;
  const [proof] = requestCookies(
    request,
    request.context.createAuthCookie(PROOF_COOKIE).name,
  );
  const expected = await proofFor(
    request.context.secret,
    found.user.email,
    found.user.id,
  );
  if (proof && constantTimeEqual(proof, expected)) return;

  const typed = headers?.get(SIGN_UP_PASSWORD_HEADER);
  if (typed) {
    const matches = await request.context.password.verify({
      hash: credential.password,
      password: typed,
    });
    if (matches) return;
    throw authRefusal("UNAUTHORIZED", "SIGN_UP_PASSWORD_MISMATCH");
  }
  if (headers?.get(REMOVE_PASSWORD_HEADER) === "true") {
    await revokeUnprovenAccountAccess(request, found.user.id);
    return;
  }
  throw authRefusal("CONFLICT", "CONFIRM_SIGN_UP_PASSWORD");
}
