/**
 * Every error code the app's backend answers with, and what a person reads
 * for it. The one place both sides take them from: Convex functions throw
 * `appError(code)`, the auth hooks `authRefusal(status, code)`
 * (convex/authInput.ts). src/ imports this file, so it holds no secrets
 * and imports nothing server-only. tests/errors.codes.test.ts fails for a
 * code thrown in convex/ that isn't here.
 *
 * An error carries `{ code, message }`, the message in English (for logs,
 * the CLI and tests). A case more specific than its code's default ("at
 * most 500 characters", "in 42 seconds") is thrown with a `detail` (a key
 * of DETAILS) and its `params`, sent along with the English. The SPA shows
 * every code and detail in the user's language (src/lib/authErrors.ts:
 * `error_…` messages in messages/{en,de}/errors.json, the same words in
 * English); a code or detail added here without a translation there is a
 * type error.
 */
import { ConvexError } from "convex/values";
import { englishOf, type Keyed, PROBLEMS } from "./validation";

// Named: also the words for a library's code for the same case.
export const ACCOUNT_DISABLED =
  "This account has been disabled. Contact an administrator.";
export const EMAIL_TAKEN = "An account with this email already exists.";
export const RATE_LIMITED = "Too many attempts. Try again later.";

export const ERROR_MESSAGES = {
  // Who may call what (convex/authorization.ts).
  UNAUTHENTICATED: "You need to sign in first.",
  FORBIDDEN: "Only admins can do that.",
  NOT_FOUND: "That doesn't exist.",
  // Input.
  INVALID_INPUT: "Check what you entered and try again.",
  VALIDATION_ERROR: "Check what you entered and try again.",
  INVALID_NAME: "Enter a name of at most 100 characters.",
  INVALID_NOTE: "A note can't be empty.",
  // Accounts.
  EMAIL_TAKEN,
  DUPLICATE_USER: "This auth user already has an app user row.",
  ACCOUNT_DISABLED,
  SELF_LOCKOUT: "You can't do that to your own account.",
  LAST_ADMIN: "You can't do that to the last admin.",
  // Organizations (convex/organizations.ts, convex/invitations.ts).
  NO_ACTIVE_ORGANIZATION: "Choose an organization first.",
  NOT_A_MEMBER: "You're not a member of this organization (any more).",
  ORG_FORBIDDEN: "Your role in this organization can't do that.",
  INVALID_ORGANIZATION:
    "Enter a name of at most 60 characters and a slug of 3 to 40 lower-case letters, digits and dashes.",
  SLUG_TAKEN: "That slug is taken. Choose another.",
  INVALID_ROLE: "That role doesn't exist.",
  LAST_OWNER:
    "An organization needs an owner: make someone else owner first, or delete the organization.",
  ALREADY_MEMBER: "That person is already a member.",
  INVITATION_NOT_FOUND: "This invitation doesn't exist or was cancelled.",
  INVITATION_EXPIRED: "This invitation has expired. Ask for a new one.",
  INVITATION_USED: "This invitation has already been used.",
  INVITATION_OTHER_EMAIL:
    "This invitation is for another email address. Sign in with the invited address to accept it.",
  EMAIL_NOT_VERIFIED: "Verify your email address first.",
  CONFIRMATION_MISMATCH: "Type the organization's slug to confirm.",
  OWNS_ORGANIZATIONS:
    "You're the only owner of an organization with other members: make someone else owner, or delete it, first.",
  // Viewing the app as a user (convex/adminPlugin.ts).
  IMPERSONATING:
    "You're viewing the app as this user: you can't change their sign-in details or account. Stop viewing as them first.",
  YOU_CANNOT_IMPERSONATE_ADMINS: "You cannot impersonate admins",
  // A password set before the address was verified (convex/unprovenPassword.ts).
  CONFIRM_SIGN_UP_PASSWORD:
    "This account was given a password before the address was confirmed. If you created it, enter that password to keep it; otherwise continue without it.",
  SIGN_UP_PASSWORD_MISMATCH:
    "That isn't the password this account was created with. Try again, or continue without it.",
  // An emailed link or code for an account with two-factor (convex/emailCodes.ts).
  TWO_FACTOR_REQUIRED:
    "This account uses two-factor: sign in with your password and authenticator code, or with a passkey.",
  // Passkeys (convex/passkeys.ts).
  USER_VERIFICATION_REQUIRED:
    "Your passkey didn't confirm it's you (PIN, fingerprint or face). Try again, or use another passkey.",
  // Deployment and limits.
  // Its fix (which variables to set) is in the deployment's log.
  EMAIL_NOT_CONFIGURED:
    "Email is not configured on this server, so no link can be sent. The site's operator will find the fix in the deployment's logs.",
  RATE_LIMITED,
  RATE_LIMIT_UNAVAILABLE: "Too many requests right now. Try again in a moment.",
  UNKNOWN_VERIFICATION_KIND: "This request can't be completed.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * The specific cases, in English: the input problems of convex/validation.ts,
 * and what the backend says more precisely than a code's default.
 */
export const DETAILS = {
  ...PROBLEMS,
  // NOT_FOUND.
  organization_not_found: () => "That organization doesn't exist.",
  member_not_found: () => "That member doesn't exist.",
  note_not_found: () => "That note doesn't exist.",
  project_not_found: () => "That project doesn't exist.",
  user_not_found: () => "That user doesn't exist.",
  user_without_account: () =>
    "That user has no sign-in account, so no role to change.",
  dev_mailbox_local_only: () =>
    "The dev mailbox exists only on a local deployment (npm start).",
  // ORG_FORBIDDEN.
  owner_change_by_owner: () =>
    "Only an owner can change an owner's role or make someone an owner.",
  own_role: () =>
    "You can't change your own role. An owner hands ownership on from the members list.",
  remove_self: () => "To leave the organization, use Leave.",
  transfer_by_owner: () => "Only an owner can hand ownership on.",
  already_owner: () => "You're an owner already.",
  invite_owner_by_owner: () => "Only an owner can invite an owner.",
  // OWNS_ORGANIZATIONS: the organizations' names, joined by commas.
  only_owner_of: (p: { organizations: string }) =>
    `You're the only owner of ${p.organizations}, which has other members: make someone else owner, or delete it, first.`,
  // INVALID_INPUT, INVALID_NOTE, INVALID_NAME, VALIDATION_ERROR.
  too_many_organizations: (p: { max: number }) =>
    `You can belong to at most ${p.max} organizations.`,
  project_name: (p: { max: number }) =>
    `A project needs a name of at most ${p.max} characters.`,
  note_too_long: (p: { max: number }) =>
    `A note can be at most ${p.max} characters.`,
  name_not_text: () => "Name must be text.",
  passkey_name_too_long: (p: { max: number }) =>
    `A passkey name can be at most ${p.max} characters.`,
  language_unknown: (p: { languages: string }) =>
    `Language must be one of: ${p.languages}.`,
  // SELF_LOCKOUT, LAST_ADMIN.
  demote_self: () => "You can't demote your own account.",
  disable_self: () => "You can't disable your own account.",
  delete_self: () => "You can't delete your own account.",
  demote_last_admin: () => "You can't demote the last admin.",
  disable_last_admin: () => "You can't disable the last admin.",
  delete_last_admin: () => "You can't delete the last admin.",
  // FORBIDDEN while an admin starts viewing as a user.
  view_by_admin_only: () => "Only admins can view the app as another user.",
  view_admin: () => "Admins can't view the app as another admin.",
  // RATE_LIMITED.
  retry_in_seconds: (p: { seconds: number }) =>
    `Too many attempts. Try again in ${p.seconds} seconds.`,
  invitations_retry_in_minutes: (p: { minutes: number }) =>
    `You've sent a lot of invitations. Try again in ${p.minutes} minutes.`,
  recipient_retry_in_minutes: (p: { minutes: number }) =>
    `This address has had too many emails. Try again in ${p.minutes} minutes.`,
};

/** A specific case: a key of DETAILS and its params. */
export type Detail = Keyed<typeof DETAILS>;
export type DetailKey = Detail["key"];

/** What an error carries: its code, English words, and its detail if any. */
export type ErrorData = {
  code: ErrorCode;
  message: string;
  detail?: DetailKey;
  params?: Record<string, string | number>;
};

/**
 * The data of an error with `code`: its default message, or `specific`'s
 * (a detail, translated by the SPA; or English words, for a message only
 * developers see: the SPA shows the code's default for it).
 */
export function errorData(
  code: ErrorCode,
  specific?: string | Detail | null,
): ErrorData {
  if (!specific) return { code, message: ERROR_MESSAGES[code] };
  if (typeof specific === "string") return { code, message: specific };
  const data: ErrorData = {
    code,
    message: englishOf(DETAILS, specific),
    detail: specific.key,
  };
  if (specific.params) data.params = specific.params;
  return data;
}

/** The error a Convex function throws: `{ code, message, detail?, params? }`. */
export function appError(
  code: ErrorCode,
  specific?: string | Detail | null,
): ConvexError<ErrorData> {
  return new ConvexError(errorData(code, specific));
}
