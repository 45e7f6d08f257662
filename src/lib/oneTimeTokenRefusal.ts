/**
 * Whether (and why) the one-time token of the last redirect (`?ott=`, after
 * a social sign-in or a magic link) was refused, for the sign-in page.
 */
import { useSyncExternalStore } from "react";

/**
 * `expired`: the server refused it. `notStartedHere`: not from a redirect
 * this browser started (src/lib/signInRedirect.ts), so never exchanged.
 * Worded where shown (src/components/SocialSignIn.tsx).
 */
export type Refusal = "expired" | "notStartedHere";

let oneTimeTokenRefusal: Refusal | null = null;
const listeners = new Set<() => void>();

/**
 * For `exchangeOneTimeToken` (src/lib/convexAuth.tsx): the `?ott=` a social
 * sign-in or magic link returned with was refused, for the sign-in page to
 * say so.
 */
export function noteOneTimeTokenRefused(reason: Refusal): void {
  oneTimeTokenRefusal = reason;
  listeners.forEach((listener) => listener());
}

/** Why this page's one-time token was refused; else null. */
export function useOneTimeTokenRefusal(): Refusal | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => oneTimeTokenRefusal,
  );
}
