import { ConvexError } from "convex/values";
import { EMAIL_TAKEN, RATE_LIMITED } from "../../convex/errors";
import { passwordProblem } from "../../convex/validation";

/** An error from Better Auth's client or a Convex call, as a person reads it. */
type ErrorLike = { code?: string; message?: string; status?: number } | null;

/**
 * Better Auth's own codes, in words for people. The app's codes
 * (convex/errors.ts) arrive with their message, which is shown as sent.
 */
const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD:
    "Wrong email or password. Just signed up? Open the link we emailed you first.",
  USER_ALREADY_EXISTS: EMAIL_TAKEN,
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: EMAIL_TAKEN,
  FAILED_TO_CREATE_USER: EMAIL_TAKEN,
  PASSWORD_TOO_SHORT: passwordProblem("")!,
  PASSWORD_TOO_LONG: "Password is too long.",
  INVALID_EMAIL: "Enter a valid email address.",
  INVALID_TOKEN: "This link is invalid or has expired.",
  TOKEN_EXPIRED: "This link has expired. Ask for a new one.",
  INVALID_PASSWORD: "Wrong password.",
  INVALID_TWO_FACTOR_AUTHENTICATION: "That code is not right. Try again.",
  INVALID_CODE: "That code is not right. Try again.",
  INVALID_BACKUP_CODE: "That backup code is not valid or was already used.",
  EMAIL_NOT_VERIFIED:
    "Verify your email address first: we've just sent you a new link.",
  USER_NOT_FOUND: "This link belongs to an account that no longer exists.",
  UNAUTHORIZED:
    "Sign in with the account this link was sent to, then open it again.",
  PASSKEY_NOT_FOUND:
    "This passkey isn't registered here (it may have been deleted). Sign in another way.",
  AUTH_CANCELLED: "Passkey sign-in was cancelled.",
};

export function describeAuthError(error: ErrorLike): string {
  if (!error) return "Something went wrong. Try again.";
  if (error.code && MESSAGES[error.code]) return MESSAGES[error.code]!;
  if (error.code === "VALIDATION_ERROR" && /email/i.test(error.message ?? ""))
    return MESSAGES.INVALID_EMAIL!;
  if (error.status === 429 || error.code === "RATE_LIMITED")
    return error.message ?? RATE_LIMITED;
  return error.message || "Something went wrong. Try again.";
}

/** The message of a failed Convex call: ConvexError data, or a generic one. */
export function describeConvexError(error: unknown): string {
  if (error instanceof ConvexError) {
    const data = error.data as { message?: string } | string;
    return typeof data === "string"
      ? data
      : (data.message ?? "Request failed.");
  }
  return "Something went wrong. Try again.";
}
