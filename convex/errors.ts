/**
 * Every error code the app's backend answers with, and what a person reads
 * for it. The one place both sides take them from: Convex functions throw
 * `appError(code)`, the auth hooks `authRefusal(status, code)`
 * (convex/authInput.ts); the SPA shows the message the server sent
 * (src/lib/authErrors.ts rewrites only Better Auth's own codes). src/ imports this file, so it holds no secrets
 * and imports nothing server-only. tests/errors.codes.test.ts fails for a
 * code thrown in convex/ that isn't here.
 *
 * A message that needs the specifics ("at most 500 characters", "in 42
 * seconds") is given where it is thrown; these are the defaults.
 */
import { ConvexError } from "convex/values";

// The SPA shows these without a server answer to read them from (a code in
// a redirect's query, a library's code for the same case). Named, so the
// SPA's first bundle takes only them, not the whole table.
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

/** The error a Convex function throws: `{ code, message }` for the SPA. */
export function appError(
  code: ErrorCode,
  message?: string,
): ConvexError<{
  code: ErrorCode;
  message: string;
}> {
  return new ConvexError({ code, message: message ?? ERROR_MESSAGES[code] });
}
