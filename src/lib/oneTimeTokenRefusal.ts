/**
 * Whether (and why) the one-time token of the last redirect (`?ott=`, after
 * a social sign-in or a magic link) was refused, for the sign-in page.
 */
import { useSyncExternalStore } from "react";

const ONE_TIME_TOKEN_REFUSALS = {
  // The server refused it.
  expired: "That sign-in link has expired or was already used. Sign in again.",
  // Not from a redirect this browser started (src/lib/signInRedirect.ts):
  // never exchanged.
  notStartedHere:
    "That sign-in link wasn't started from this browser, so it was ignored. Sign in again.",
};

let oneTimeTokenRefusal: string | null = null;
const listeners = new Set<() => void>();

/**
 * For `exchangeOneTimeToken` (src/lib/convexAuth.tsx): the `?ott=` a social
 * sign-in or magic link returned with was refused, for the sign-in page to
 * say so.
 */
export function noteOneTimeTokenRefused(
  reason: keyof typeof ONE_TIME_TOKEN_REFUSALS,
): void {
  oneTimeTokenRefusal = ONE_TIME_TOKEN_REFUSALS[reason];
  listeners.forEach((listener) => listener());
}

/** Why this page's one-time token was refused, as a message; else null. */
export function useOneTimeTokenRefusal(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => oneTimeTokenRefusal,
  );
}
