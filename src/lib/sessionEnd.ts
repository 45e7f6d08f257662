/**
 * Why this tab lost its session without anyone pressing "Sign out" in it,
 * for the sign-in page to say. The tab that ends a session (the button, or
 * src/lib/convexAuth.tsx when the server has ended it) writes why into the
 * shared storage first, keyed by that session, so every tab of this browser
 * that held it reads the same reason once the session leaves the storage.
 */
import type { SessionEndReason } from "../../convex/sessionEnd";
import { AUTH_STORAGE_PREFIX } from "@/lib/authStorage";
import { m } from "@/paraglide/messages";

/** The server's reasons (convex/sessionEnd.ts), or the button in a tab. */
export type EndReason = SessionEndReason | "SIGNED_OUT";

type LostReason = EndReason | "UNKNOWN";

const MESSAGES: Record<LostReason, () => string> = {
  SESSION_REVOKED: m.error_session_end_revoked,
  SESSION_EXPIRED: m.error_session_end_expired,
  ACCOUNT_DISABLED: () =>
    m.error_session_end_account_disabled({
      reason: m.error_code_account_disabled(),
    }),
  ACCOUNT_DELETED: m.error_session_end_account_deleted,
  SIGNED_OUT: m.error_session_end_signed_out,
  // Found ended on its own (say, expired while the browser was closed).
  UNKNOWN: m.error_session_end_ended,
};

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

/** The message for the session this tab lost, if any (the sign-in page). */
export function sessionLostMessage(): string | null {
  return lost && MESSAGES[lost]();
}

/** Shown, or a new session began here: it no longer applies. */
export function forgetSessionLost(): void {
  lost = null;
}
