/**
 * Why this tab lost its session without anyone pressing "Sign out" in it,
 * for the sign-in page to say. The tab that ends a session (the button, or
 * src/lib/convexAuth.tsx when the server has ended it) writes why into the
 * shared storage first, keyed by that session, so every tab of this browser
 * that held it reads the same reason once the session leaves the storage.
 */
import type { SessionEndReason } from "../../convex/sessionEnd";
import { AUTH_STORAGE_PREFIX } from "@/lib/authStorage";

/** The server's reasons (convex/sessionEnd.ts), or the button in a tab. */
export type EndReason = SessionEndReason | "SIGNED_OUT";

/** Why, or UNKNOWN: found ended on its own (say, expired while closed). */
export type LostReason = EndReason | "UNKNOWN";

const KEY = `${AUTH_STORAGE_PREFIX}_ended`;

type Ended = { session: string; reason: EndReason };

// The end of the stored value (the cookie's signature), not the session
// token itself: nothing usable stays behind in storage after a sign-out.
const fingerprint = (session: string) => session.slice(-12);

/** Tells every tab why `session` is about to end. */
export function announceEnd(session: string, reason: EndReason): void {
  const ended: Ended = { session: fingerprint(session), reason };
  localStorage.setItem(KEY, JSON.stringify(ended));
}

/** Why `session` ended, if a tab said. */
export function announcedEnd(session: string): EndReason | null {
  try {
    const ended = JSON.parse(localStorage.getItem(KEY) ?? "null") as Ended;
    return ended?.session === fingerprint(session) ? ended.reason : null;
  } catch {
    return null;
  }
}

let lost: LostReason | null = null;

/** This tab lost `session` without its own button: keep why. */
export function noteSessionLost(session: string): void {
  lost = announcedEnd(session) ?? "UNKNOWN";
}

/**
 * Why this tab lost its session, if it did (the sign-in page says it in
 * words: src/components/SessionLostNotice.tsx).
 */
export function sessionLostReason(): LostReason | null {
  return lost;
}

/** Shown, or a new session began here: it no longer applies. */
export function forgetSessionLost(): void {
  lost = null;
}
