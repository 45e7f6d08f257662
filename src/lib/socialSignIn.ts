/**
 * What the SPA needs for social sign-in besides the auth client: provider
 * names and the messages for the `?error=` Better Auth sends back. Whether
 * the last redirect's one-time token was refused is in
 * src/lib/oneTimeTokenRefusal.ts (the first bundle needs only that).
 */
import { ACCOUNT_DISABLED, ERROR_MESSAGES } from "../../convex/errors";

const LABELS: Record<string, string> = {
  github: "GitHub",
  google: "Google",
  dev: "Dev provider",
  credential: "Password",
};

/** "GitHub", "Google", "Dev provider", "Password" (Better Auth's `credential`). */
export function providerLabel(providerId: string): string {
  return LABELS[providerId] ?? providerId;
}

const ERRORS: Record<string, string> = {
  access_denied: "Sign-in was cancelled at the provider. Nothing was changed.",
  // One message for every refusal of the linking policy (convex/socialSignIn.ts):
  // the answer must not say which case applied.
  account_not_linked:
    "We couldn't sign you in with that account. If you already have an account with this email, sign in to it another way and connect the provider in Settings. The provider must have verified your email address.",
  "email_doesn't_match":
    "That provider account has a different email address than yours, so it wasn't connected.",
  account_already_linked_to_different_user:
    "That provider account is already connected to another user.",
  unable_to_link_account:
    "The provider hasn't verified that account's email address, so it wasn't connected.",
  ACCOUNT_DISABLED: ACCOUNT_DISABLED,
  // The emailed sign-in link comes back to the same page with its errors.
  INVALID_TOKEN:
    "This sign-in link is invalid or has expired. Ask for a new one.",
  // An emailed link for an account with two-factor (convex/emailCodes.ts).
  TWO_FACTOR_REQUIRED: ERROR_MESSAGES.TWO_FACTOR_REQUIRED,
};

/** A person's reading of the `error` query parameter of a redirect back. */
export function describeOAuthError(code: string): string {
  return (
    ERRORS[code] ??
    `Sign-in failed (${code}). Try again, or sign in another way.`
  );
}

/**
 * The `error` parameter of the URL the page was opened with (a provider's
 * or an emailed link's redirect back), read once so the message stays while
 * the user acts.
 */
export function oauthErrorOnLoad(): string | null {
  const code = new URLSearchParams(window.location.search).get("error");
  return code ? describeOAuthError(code) : null;
}
