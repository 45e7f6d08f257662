import { ConvexError } from "convex/values";
import {
  ACCOUNT_DISABLED,
  EMAIL_TAKEN,
  RATE_LIMITED,
} from "../../convex/errors";
import { passwordProblem } from "../../convex/validation";

/** An error from Better Auth's client or a Convex call, as a person reads it. */
type ErrorLike = { code?: string; message?: string; status?: number } | null;

const TRY_AGAIN = "Something went wrong. Try again.";
const OUR_SIDE = "Something went wrong on our side. Try again in a moment.";
const SIGN_IN_AGAIN = "For your security, sign in again, then try once more.";
const NOT_SET_UP = "Two-factor authentication isn't set up for this account.";
const PASSKEY_FAILED = "Your passkey couldn't be verified. Try again.";
// A deployment whose SITE_URL doesn't match the SPA's address.
const MISCONFIGURED =
  "This site's address doesn't match the server's settings (SITE_URL). The site's operator will find the fix in the deployment's logs.";

/**
 * Better Auth's own codes (its core, two-factor, passkey and admin
 * plugins), in words for people. The app's codes (convex/errors.ts) arrive
 * with their message, which is shown as sent. tests/authErrors.codes.test.ts
 * fails for a Better Auth code that is neither here nor listed there as not
 * reachable from this SPA.
 */
const MESSAGES: Record<string, string> = {
  // Signing in and up.
  INVALID_EMAIL_OR_PASSWORD:
    "Wrong email or password. Just signed up? Open the link we emailed you first.",
  INVALID_EMAIL: "Enter a valid email address.",
  INVALID_PASSWORD: "Wrong password.",
  PASSWORD_TOO_SHORT: passwordProblem("")!,
  PASSWORD_TOO_LONG: "Password is too long.",
  USER_ALREADY_EXISTS: EMAIL_TAKEN,
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: EMAIL_TAKEN,
  FAILED_TO_CREATE_USER: EMAIL_TAKEN,
  EMAIL_NOT_VERIFIED:
    "Verify your email address first: we've just sent you a new link.",
  BANNED_USER: ACCOUNT_DISABLED,
  MISSING_FIELD: "Fill in every field.",
  VALIDATION_ERROR:
    "Some of what you entered isn't accepted. Check it and try again.",
  // Emailed links.
  INVALID_TOKEN: "This link is invalid or has expired.",
  TOKEN_EXPIRED: "This link has expired. Ask for a new one.",
  USER_NOT_FOUND: "This link belongs to an account that no longer exists.",
  EMAIL_MISMATCH: "This link was sent to another email address.",
  EMAIL_ALREADY_VERIFIED: "This email address is already verified.",
  EMAIL_CAN_NOT_BE_UPDATED: "This email address can't be changed.",
  // Signed out, or a session too old for what was asked.
  UNAUTHORIZED: "You're signed out. Sign in again.",
  SESSION_EXPIRED: SIGN_IN_AGAIN,
  SESSION_NOT_FRESH: SIGN_IN_AGAIN,
  INVALID_USER: SIGN_IN_AGAIN,
  // Passwords and connected accounts.
  CREDENTIAL_ACCOUNT_NOT_FOUND:
    "This account has no password yet. Use “Forgot your password?” on the sign-in page to set one.",
  PASSWORD_ALREADY_SET: "This account already has a password.",
  USER_ALREADY_HAS_PASSWORD: "Enter your password to delete the account.",
  FAILED_TO_UNLINK_LAST_ACCOUNT:
    "This is your only way to sign in; connect another before removing it.",
  ACCOUNT_NOT_FOUND: "That sign-in method isn't connected to this account.",
  SOCIAL_ACCOUNT_ALREADY_LINKED:
    "That provider account is already connected to another user.",
  LINKED_ACCOUNT_ALREADY_EXISTS: "That provider account is already connected.",
  PROVIDER_NOT_FOUND: "That sign-in provider isn't available here.",
  FAILED_TO_GET_USER_INFO:
    "The provider didn't say who you are. Try again, or sign in another way.",
  USER_EMAIL_NOT_FOUND:
    "The provider didn't share your email address, so we can't sign you in with it.",
  // Emailed codes.
  INVALID_OTP: "That code is not right. Check the latest email and try again.",
  OTP_EXPIRED: "That code has expired. Ask for a new one.",
  TOO_MANY_ATTEMPTS: "Too many wrong codes. Ask for a new one.",
  // Two-factor.
  INVALID_CODE: "That code is not right. Try again.",
  INVALID_BACKUP_CODE: "That backup code is not valid or was already used.",
  TOTP_NOT_ENABLED: NOT_SET_UP,
  TWO_FACTOR_NOT_ENABLED: NOT_SET_UP,
  BACKUP_CODES_NOT_ENABLED: NOT_SET_UP,
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE:
    "Too many wrong codes. Sign in again to try once more.",
  ACCOUNT_TEMPORARILY_LOCKED:
    "Too many wrong codes: this account is locked for a while. Try again later.",
  INVALID_TWO_FACTOR_COOKIE: "This sign-in step has expired. Sign in again.",
  // Passkeys.
  PASSKEY_NOT_FOUND:
    "This passkey isn't registered here (it may have been deleted). Sign in another way.",
  AUTH_CANCELLED: "Passkey sign-in was cancelled.",
  REGISTRATION_CANCELLED: "Adding the passkey was cancelled.",
  PREVIOUSLY_REGISTERED: "This passkey is already registered.",
  CHALLENGE_NOT_FOUND: "That passkey request expired. Try again.",
  AUTHENTICATION_FAILED: PASSKEY_FAILED,
  FAILED_TO_VERIFY_REGISTRATION: PASSKEY_FAILED,
  YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY:
    "This passkey can't be added to your account.",
  SESSION_REQUIRED: "You're signed out. Sign in again.",
  // Viewing the app as a user (the admin plugin's only routes in use).
  YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS:
    "Only admins can view the app as a user.",
  YOU_CANNOT_IMPERSONATE_ADMINS: "You can't view the app as another admin.",
  // The server's side failed: nothing the person did.
  FAILED_TO_CREATE_SESSION: OUR_SIDE,
  FAILED_TO_GET_SESSION: OUR_SIDE,
  FAILED_TO_UPDATE_USER: OUR_SIDE,
  FAILED_TO_CREATE_VERIFICATION: OUR_SIDE,
  UNABLE_TO_CREATE_SESSION: OUR_SIDE,
  FAILED_TO_UPDATE_PASSKEY: OUR_SIDE,
  UNKNOWN_ERROR: OUR_SIDE,
  // A deployment set up for another address.
  INVALID_ORIGIN: MISCONFIGURED,
  MISSING_OR_NULL_ORIGIN: MISCONFIGURED,
  INVALID_CALLBACK_URL: MISCONFIGURED,
  INVALID_REDIRECT_URL: MISCONFIGURED,
  INVALID_ERROR_CALLBACK_URL: MISCONFIGURED,
  INVALID_NEW_USER_CALLBACK_URL: MISCONFIGURED,
  CALLBACK_URL_REQUIRED: MISCONFIGURED,
};

/**
 * Better Auth's codes that no request of this SPA can meet, and why
 * (tests/authErrors.codes.test.ts reads them). Should one arrive anyway, it
 * gets the generic message, and the console the details.
 */
export const NOT_REACHABLE: Record<string, string> = {
  ID_TOKEN_NOT_SUPPORTED: "the SPA never signs in with an ID token",
  CHANGE_EMAIL_DISABLED: "changing the email is on (convex/auth.ts)",
  VERIFICATION_EMAIL_NOT_ENABLED: "verification emails are on",
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED:
    "the SPA signs in with fetch, never a cross-site navigation",
  FIELD_NOT_ALLOWED: "the SPA sends only the fields the routes take",
  ASYNC_VALIDATION_NOT_SUPPORTED: "the app's schemas are synchronous",
  METHOD_NOT_ALLOWED_DEFER_SESSION_REQUIRED: "the SPA reads the session by GET",
  BODY_MUST_BE_AN_OBJECT: "the auth client always sends an object",
  // Two-factor by authenticator app only: no emailed one-time codes.
  OTP_NOT_ENABLED: "no emailed two-factor codes (no otpOptions)",
  OTP_HAS_EXPIRED: "no emailed two-factor codes (no otpOptions)",
  // Passkeys are added only by a signed-in user (requireSession).
  RESOLVE_USER_REQUIRED: "passkeys need a session to be added",
  RESOLVED_USER_INVALID: "passkeys need a session to be added",
  // The admin plugin's routes other than a view as a user are switched off
  // (convex/authRoutes.ts); the console uses convex/admin.ts.
  YOU_CANNOT_BAN_YOURSELF: "ban route off",
  YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE: "set-role route off",
  YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS: "create-user route off",
  YOU_ARE_NOT_ALLOWED_TO_LIST_USERS: "list-users route off",
  YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS: "list-user-sessions route off",
  YOU_ARE_NOT_ALLOWED_TO_BAN_USERS: "ban routes off",
  YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS: "revoke routes off",
  YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS: "remove-user route off",
  YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD: "set-user-password route off",
  YOU_ARE_NOT_ALLOWED_TO_GET_USER: "get-user route off",
  NO_DATA_TO_UPDATE: "update-user route off",
  YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS: "update-user route off",
  YOU_CANNOT_REMOVE_YOURSELF: "remove-user route off",
  YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE: "set-role route off",
  INVALID_ROLE_TYPE: "set-role route off",
  YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL: "update-user route off",
  PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER: "update-user route off",
};

/**
 * The written message for an error: Better Auth's codes are looked up
 * above; any other code is the app's (convex/errors.ts, the SPA's
 * deployment check), whose message is shown as sent (it may have
 * specifics: "in 42 seconds"). An error without a code, or with one
 * listed as unreachable, gets a generic message, and the console the
 * details. This module loads with the first error (not in the first bundle).
 */
export function describeAuthError(error: ErrorLike): string {
  if (!error) return TRY_AGAIN;
  const { code, message, status } = error;
  // An email Better Auth's validation refused; anything else it refuses
  // is input the SPA never sends.
  if (code === "VALIDATION_ERROR" && /email/i.test(message ?? ""))
    return MESSAGES.INVALID_EMAIL!;
  if (code && MESSAGES[code]) return MESSAGES[code]!;
  if (code && message && !NOT_REACHABLE[code]) return message;
  // Better Auth's own rate limit answers 429 without a code.
  if (status === 429) return RATE_LIMITED;
  console.warn("An auth error without a written message:", error);
  return TRY_AGAIN;
}

/** The message of a failed Convex call: ConvexError data, or a generic one. */
export function describeConvexError(error: unknown): string {
  if (error instanceof ConvexError) {
    const data = error.data as { message?: string } | string;
    return typeof data === "string" ? data : (data.message ?? TRY_AGAIN);
  }
  return TRY_AGAIN;
}
