/**
 * Requests that replace the session stored in this browser: a one-time
 * token's exchange after social sign-in or a magic link, an admin's view as
 * a user starting or ending, and every auth request under way
 * (src/lib/sessionChangesClient.ts: turning on two-factor or changing a
 * password swaps the session too). The cross-domain client stores each
 * response's cookies by read-merge-write, so an auth request racing one
 * could drop the new session; and Convex reports the old session gone over
 * the WebSocket before the new one is stored, in this tab and in the
 * others. Requests and checks a page starts by itself (passkey autofill,
 * the "session ended" check) wait for them first, in every tab: each tab
 * marks its changes under way in the shared storage.
 */
import { AUTH_STORAGE_PREFIX } from "@/lib/authStorage";

/** The longest a change counts as under way (a request that never ends). */
export const MAX_CHANGE_MS = 10_000;

/** Each tab's mark, `${CHANGE_MARK}<tab>`: the time its changes count until. */
export const CHANGE_MARK = `${AUTH_STORAGE_PREFIX}_changing_`;
export const thisTab = CHANGE_MARK + Math.random().toString(36).slice(2);

let pending: Promise<unknown> = Promise.resolve();
let underWay = 0;

/** Notes a session-replacing request until it settles; returns it as is. */
export function trackSessionChange<T>(change: Promise<T>): Promise<T> {
  underWay += 1;
  localStorage.setItem(thisTab, String(Date.now() + MAX_CHANGE_MS));
  const settled = change
    .catch(() => undefined)
    .then(() => {
      if (--underWay === 0) localStorage.removeItem(thisTab);
    });
  pending = Promise.all([pending, settled]);
  return change;
}

/** Settles once every session change under way in this tab has. */
export function localChangesSettled(): Promise<unknown> {
  return pending;
}
