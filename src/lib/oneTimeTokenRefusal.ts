/**
 * Whether (and why) the one-time token of the last redirect (`?ott=`, after
 * a social sign-in or a magic link) was refused, for the sign-in page.
 */
import { useSyncExternalStore } from "react";
import { m } from "@/paraglide/messages";

const ONE_TIME_TOKEN_REFUSALS = {
  // The server refused it.
  expired: m.error_link_expired,
  // Not from a redirect this browser started (src/lib/signInRedirect.ts):
  // never exchanged.
  notStartedHere: m.error_link_not_started_here,
};

type Refusal = keyof typeof ONE_TIME_TOKEN_REFUSALS;

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

/** Why this page's one-time token was refused, as a message; else null. */
export function useOneTimeTokenRefusal(): string | null {
  const refusal = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => oneTimeTokenRefusal,
  );
  // Worded at render, in the language shown.
  return refusal && ONE_TIME_TOKEN_REFUSALS[refusal]();
}
