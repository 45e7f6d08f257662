import { ConvexError } from "convex/values";
import { passwordProblem } from "../../convex/validation";

/** An error from Better Auth's client or a Convex call, as a person reads it. */
type ErrorLike = { code?: string; message?: string; status?: number } | null;

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "Wrong email or password.",
  USER_ALREADY_EXISTS: "An account with this email already exists.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    "An account with this email already exists.",
  FAILED_TO_CREATE_USER: "An account with this email already exists.",
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
  ACCOUNT_DISABLED: "This account has been disabled. Contact an administrator.",
  PASSKEY_NOT_FOUND:
    "This passkey isn't registered here (it may have been deleted). Sign in another way.",
  AUTH_CANCELLED: "Passkey sign-in was cancelled.",
  SIGN_UP_PASSWORD_MISMATCH:
    "That isn't the password this account was created with. Try again, or continue without it.",
  IMPERSONATING:
    "You're viewing the app as this user: you can't change their sign-in details or account. Stop viewing as them first.",
};

export function describeAuthError(error: ErrorLike): string {
  if (!error) return "Something went wrong. Try again.";
  if (error.code && MESSAGES[error.code]) return MESSAGES[error.code]!;
  if (error.code === "VALIDATION_ERROR" && /email/i.test(error.message ?? ""))
    return MESSAGES.INVALID_EMAIL!;
  if (error.status === 429 || error.code === "RATE_LIMITED")
    return error.message ?? "Too many attempts. Try again later.";
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
