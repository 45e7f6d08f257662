/**
 * Requests that replace the session stored in this browser: a one-time
 * token's exchange after social sign-in or a magic link, an admin's view as
 * a user starting or ending, and every auth request under way
 * (src/lib/sessionChangesClient.ts: turning on two-factor or changing a
 * password swaps the session too). The cross-domain client stores each response's
 * cookies by read-merge-write, so an auth request racing one could drop the
 * new session; and Convex reports the old session gone over the WebSocket
 * before the new one is stored. Requests and checks a page starts by itself
 * (passkey autofill, the "session ended" check) wait for them first.
 */
let pending: Promise<unknown> = Promise.resolve();

/** Notes a session-replacing request until it settles; returns it as is. */
export function trackSessionChange<T>(change: Promise<T>): Promise<T> {
  pending = Promise.all([pending, change.catch(() => undefined)]);
  return change;
}

/** Settles once every session change under way has (at once if none). */
export function sessionChangesSettled(): Promise<unknown> {
  return pending;
}
