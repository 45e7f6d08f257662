/**
 * What the SPA needs for social sign-in besides the auth client: provider
 * names and the messages for the `?error=` Better Auth sends back. Whether
 * the last redirect's one-time token was refused is in
 * src/lib/oneTimeTokenRefusal.ts (the first bundle needs only that).
 */
import { m } from "@/paraglide/messages";

const LABELS: Record<string, () => string> = {
  // i18n: not shown to users (product names, the same in every language)
  github: () => "GitHub",
  google: () => "Google",
  dev: m.error_provider_dev,
  credential: m.error_provider_credential,
};

/** "GitHub", "Google", "Dev provider", "Password" (Better Auth's `credential`). */
export function providerLabel(providerId: string): string {
  return Object.hasOwn(LABELS, providerId) ? LABELS[providerId]!() : providerId;
}

const ERRORS: Record<string, () => string> = {
  access_denied: m.error_oauth_access_denied,
  // One message for every refusal of the linking policy (convex/socialSignIn.ts):
  // the answer must not say which case applied.
  account_not_linked: m.error_oauth_account_not_linked,
  "email_doesn't_match": m.error_oauth_email_mismatch,
  account_already_linked_to_different_user:
    m.error_social_account_already_linked,
  unable_to_link_account: m.error_oauth_unverified_email,
  ACCOUNT_DISABLED: m.error_code_account_disabled,
  // The emailed sign-in link comes back to the same page with its errors.
  INVALID_TOKEN: m.error_oauth_invalid_token,
  // An emailed link for an account with two-factor (convex/emailCodes.ts).
  TWO_FACTOR_REQUIRED: m.error_code_two_factor_required,
};

/** A person's reading of the `error` query parameter of a redirect back. */
export function describeOAuthError(code: string): string {
  return Object.hasOwn(ERRORS, code)
    ? ERRORS[code]!()
    : m.error_oauth_failed({ code });
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
