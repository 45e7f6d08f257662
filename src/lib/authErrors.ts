import { ConvexError } from "convex/values";
import type {
  Detail,
  DetailKey,
  ErrorCode,
  ErrorData,
} from "../../convex/errors";
import { MIN_PASSWORD_LENGTH } from "../../convex/validation";
import { PROBLEM_MESSAGES, type Translations } from "@/lib/validation";
import { m } from "@/paraglide/messages";

/** An error from Better Auth's client or a Convex call, as a person reads it. */
type ErrorLike = {
  code?: string;
  message?: string;
  status?: number;
  /** The app's specific case (convex/errors.ts: DETAILS), with its params. */
  detail?: string;
  params?: unknown;
} | null;

/**
 * Better Auth's own codes (its core, two-factor, passkey and admin
 * plugins), in words for people. tests/authErrors.codes.test.ts fails for
 * a Better Auth code that is neither here nor listed there as not reachable
 * from this SPA.
 */
export const MESSAGES: Record<string, () => string> = {
  // Signing in and up.
  INVALID_EMAIL_OR_PASSWORD: m.error_invalid_email_or_password,
  INVALID_EMAIL: m.error_invalid_email,
  INVALID_PASSWORD: m.error_invalid_password,
  PASSWORD_TOO_SHORT: () =>
    m.error_detail_password_too_short({ min: MIN_PASSWORD_LENGTH }),
  PASSWORD_TOO_LONG: m.error_password_too_long,
  USER_ALREADY_EXISTS: m.error_code_email_taken,
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: m.error_code_email_taken,
  FAILED_TO_CREATE_USER: m.error_code_email_taken,
  EMAIL_NOT_VERIFIED: m.error_email_not_verified,
  BANNED_USER: m.error_code_account_disabled,
  MISSING_FIELD: m.error_missing_field,
  VALIDATION_ERROR: m.error_validation_error,
  // Emailed links.
  INVALID_TOKEN: m.error_invalid_token,
  TOKEN_EXPIRED: m.error_token_expired,
  USER_NOT_FOUND: m.error_user_not_found,
  EMAIL_MISMATCH: m.error_email_mismatch,
  EMAIL_ALREADY_VERIFIED: m.error_email_already_verified,
  EMAIL_CAN_NOT_BE_UPDATED: m.error_email_can_not_be_updated,
  // Signed out, or a session too old for what was asked.
  UNAUTHORIZED: m.error_unauthorized,
  SESSION_EXPIRED: m.error_sign_in_again,
  SESSION_NOT_FRESH: m.error_sign_in_again,
  INVALID_USER: m.error_sign_in_again,
  // Passwords and connected accounts.
  CREDENTIAL_ACCOUNT_NOT_FOUND: m.error_credential_account_not_found,
  PASSWORD_ALREADY_SET: m.error_password_already_set,
  USER_ALREADY_HAS_PASSWORD: m.error_user_already_has_password,
  FAILED_TO_UNLINK_LAST_ACCOUNT: m.error_failed_to_unlink_last_account,
  ACCOUNT_NOT_FOUND: m.error_account_not_found,
  SOCIAL_ACCOUNT_ALREADY_LINKED: m.error_social_account_already_linked,
  LINKED_ACCOUNT_ALREADY_EXISTS: m.error_linked_account_already_exists,
  PROVIDER_NOT_FOUND: m.error_provider_not_found,
  FAILED_TO_GET_USER_INFO: m.error_failed_to_get_user_info,
  USER_EMAIL_NOT_FOUND: m.error_user_email_not_found,
  // Emailed codes.
  INVALID_OTP: m.error_invalid_otp,
  OTP_EXPIRED: m.error_otp_expired,
  TOO_MANY_ATTEMPTS: m.error_too_many_attempts,
  // Two-factor.
  INVALID_CODE: m.error_invalid_code,
  INVALID_BACKUP_CODE: m.error_invalid_backup_code,
  TOTP_NOT_ENABLED: m.error_two_factor_not_set_up,
  TWO_FACTOR_NOT_ENABLED: m.error_two_factor_not_set_up,
  BACKUP_CODES_NOT_ENABLED: m.error_two_factor_not_set_up,
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE:
    m.error_too_many_attempts_request_new_code,
  ACCOUNT_TEMPORARILY_LOCKED: m.error_account_temporarily_locked,
  INVALID_TWO_FACTOR_COOKIE: m.error_invalid_two_factor_cookie,
  // Passkeys.
  PASSKEY_NOT_FOUND: m.error_passkey_not_found,
  AUTH_CANCELLED: m.error_auth_cancelled,
  REGISTRATION_CANCELLED: m.error_registration_cancelled,
  PREVIOUSLY_REGISTERED: m.error_previously_registered,
  CHALLENGE_NOT_FOUND: m.error_challenge_not_found,
  AUTHENTICATION_FAILED: m.error_passkey_failed,
  FAILED_TO_VERIFY_REGISTRATION: m.error_passkey_failed,
  YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY:
    m.error_you_are_not_allowed_to_register_this_passkey,
  SESSION_REQUIRED: m.error_unauthorized,
  // Viewing the app as a user (the admin plugin's only routes in use).
  YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS:
    m.error_you_are_not_allowed_to_impersonate_users,
  YOU_CANNOT_IMPERSONATE_ADMINS: m.error_you_cannot_impersonate_admins,
  // The server's side failed: nothing the person did.
  FAILED_TO_CREATE_SESSION: m.error_our_side,
  FAILED_TO_GET_SESSION: m.error_our_side,
  FAILED_TO_UPDATE_USER: m.error_our_side,
  FAILED_TO_CREATE_VERIFICATION: m.error_our_side,
  UNABLE_TO_CREATE_SESSION: m.error_our_side,
  FAILED_TO_UPDATE_PASSKEY: m.error_our_side,
  UNKNOWN_ERROR: m.error_our_side,
  // A deployment set up for another address.
  INVALID_ORIGIN: m.error_misconfigured,
  MISSING_OR_NULL_ORIGIN: m.error_misconfigured,
  INVALID_CALLBACK_URL: m.error_misconfigured,
  INVALID_REDIRECT_URL: m.error_misconfigured,
  INVALID_ERROR_CALLBACK_URL: m.error_misconfigured,
  INVALID_NEW_USER_CALLBACK_URL: m.error_misconfigured,
  CALLBACK_URL_REQUIRED: m.error_misconfigured,
};

/**
 * The app's codes (convex/errors.ts), in the user's language: a code added
 * there without words here is a type error. The server's English
 * `message` is for logs and the CLI.
 */
const APP_MESSAGES: Record<ErrorCode, () => string> = {
  UNAUTHENTICATED: m.error_code_unauthenticated,
  FORBIDDEN: m.error_code_forbidden,
  NOT_FOUND: m.error_code_not_found,
  INVALID_INPUT: m.error_code_invalid_input,
  VALIDATION_ERROR: m.error_code_validation_error,
  INVALID_NAME: m.error_code_invalid_name,
  INVALID_NOTE: m.error_code_invalid_note,
  EMAIL_TAKEN: m.error_code_email_taken,
  DUPLICATE_USER: m.error_code_duplicate_user,
  ACCOUNT_DISABLED: m.error_code_account_disabled,
  SELF_LOCKOUT: m.error_code_self_lockout,
  LAST_ADMIN: m.error_code_last_admin,
  NO_ACTIVE_ORGANIZATION: m.error_code_no_active_organization,
  NOT_A_MEMBER: m.error_code_not_a_member,
  ORG_FORBIDDEN: m.error_code_org_forbidden,
  INVALID_ORGANIZATION: m.error_code_invalid_organization,
  SLUG_TAKEN: m.error_code_slug_taken,
  INVALID_ROLE: m.error_code_invalid_role,
  LAST_OWNER: m.error_code_last_owner,
  ALREADY_MEMBER: m.error_code_already_member,
  INVITATION_NOT_FOUND: m.error_code_invitation_not_found,
  INVITATION_EXPIRED: m.error_code_invitation_expired,
  INVITATION_USED: m.error_code_invitation_used,
  INVITATION_OTHER_EMAIL: m.error_code_invitation_other_email,
  EMAIL_NOT_VERIFIED: m.error_code_email_not_verified,
  CONFIRMATION_MISMATCH: m.error_code_confirmation_mismatch,
  OWNS_ORGANIZATIONS: m.error_code_owns_organizations,
  IMPERSONATING: m.error_code_impersonating,
  YOU_CANNOT_IMPERSONATE_ADMINS: m.error_code_you_cannot_impersonate_admins,
  CONFIRM_SIGN_UP_PASSWORD: m.error_code_confirm_sign_up_password,
  SIGN_UP_PASSWORD_MISMATCH: m.error_code_sign_up_password_mismatch,
  TWO_FACTOR_REQUIRED: m.error_code_two_factor_required,
  USER_VERIFICATION_REQUIRED: m.error_code_user_verification_required,
  EMAIL_NOT_CONFIGURED: m.error_code_email_not_configured,
  RATE_LIMITED: m.error_code_rate_limited,
  RATE_LIMIT_UNAVAILABLE: m.error_code_rate_limit_unavailable,
  UNKNOWN_VERIFICATION_KIND: m.error_code_unknown_verification_kind,
};

/** The app's specific cases (convex/errors.ts: DETAILS), with their params. */
const DETAIL_MESSAGES: Translations<Detail> = {
  ...PROBLEM_MESSAGES,
  organization_not_found: m.error_detail_organization_not_found,
  member_not_found: m.error_detail_member_not_found,
  note_not_found: m.error_detail_note_not_found,
  project_not_found: m.error_detail_project_not_found,
  user_not_found: m.error_detail_user_not_found,
  user_without_account: m.error_detail_user_without_account,
  dev_mailbox_local_only: m.error_detail_dev_mailbox_local_only,
  owner_change_by_owner: m.error_detail_owner_change_by_owner,
  own_role: m.error_detail_own_role,
  remove_self: m.error_detail_remove_self,
  transfer_by_owner: m.error_detail_transfer_by_owner,
  already_owner: m.error_detail_already_owner,
  invite_owner_by_owner: m.error_detail_invite_owner_by_owner,
  only_owner_of: m.error_detail_only_owner_of,
  too_many_organizations: m.error_detail_too_many_organizations,
  project_name: m.error_detail_project_name,
  note_too_long: m.error_detail_note_too_long,
  name_not_text: m.error_detail_name_not_text,
  language_unknown: m.error_detail_language_unknown,
  demote_self: m.error_detail_demote_self,
  disable_self: m.error_detail_disable_self,
  delete_self: m.error_detail_delete_self,
  demote_last_admin: m.error_detail_demote_last_admin,
  disable_last_admin: m.error_detail_disable_last_admin,
  delete_last_admin: m.error_detail_delete_last_admin,
  view_by_admin_only: m.error_detail_view_by_admin_only,
  view_admin: m.error_detail_view_admin,
  retry_in_seconds: m.error_detail_retry_in_seconds,
  invitations_retry_in_minutes: m.error_detail_invitations_retry_in_minutes,
  recipient_retry_in_minutes: m.error_detail_recipient_retry_in_minutes,
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

/** An app error's detail in words, if it has one this SPA knows. */
function detailWords(error: { detail?: unknown; params?: unknown }) {
  const { detail, params } = error;
  if (typeof detail !== "string" || !Object.hasOwn(DETAIL_MESSAGES, detail))
    return null;
  const words = DETAIL_MESSAGES[detail as DetailKey] as (
    params: unknown,
  ) => string;
  return words(params ?? {});
}

/** The words of one of the app's codes, or null for any other code. */
function appWords(code: string | undefined): string | null {
  return code && Object.hasOwn(APP_MESSAGES, code)
    ? APP_MESSAGES[code as ErrorCode]()
    : null;
}

/**
 * The written message for an error, in the user's language: the app's
 * specific case if it has one (an error of convex/errors.ts with a
 * `detail`), else Better Auth's codes as above, else the app's codes.
 * Any other code (the SPA's deployment check) is shown as its message
 * says, which the SPA wrote. An error without a code, or with one listed
 * as unreachable, gets a generic message, and the console the details.
 * This module loads with the first error (not in the first bundle).
 */
export function describeAuthError(error: ErrorLike): string {
  if (!error) return m.error_try_again();
  const { code, message, status } = error;
  const specific = detailWords(error);
  if (specific) return specific;
  // An email Better Auth's validation refused; anything else it refuses
  // is input the SPA never sends.
  if (code === "VALIDATION_ERROR" && /email/i.test(message ?? ""))
    return m.error_invalid_email();
  if (code && Object.hasOwn(MESSAGES, code)) return MESSAGES[code]!();
  const app = appWords(code);
  if (app) return app;
  if (code && message && !NOT_REACHABLE[code]) return message;
  // Better Auth's own rate limit answers 429 without a code.
  if (status === 429) return m.error_code_rate_limited();
  // i18n: not shown to users (a console message for the developer)
  console.warn("An auth error without a written message:", error);
  return m.error_try_again();
}

/** The message of a failed Convex call: the app's code in words, or a generic one. */
export function describeConvexError(error: unknown): string {
  if (error instanceof ConvexError) {
    const data = error.data as Partial<ErrorData> | string;
    if (typeof data === "string") return data;
    return (
      detailWords(data) ??
      appWords(data.code) ??
      data.message ??
      m.error_try_again()
    );
  }
  return m.error_try_again();
}
