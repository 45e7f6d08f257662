/**
 * An admin viewing the app as a user, through Better Auth's admin plugin
 * routes (convex/adminPlugin.ts). Plain calls on the app's auth client rather
 * than the plugin's client, whose role-checking code the SPA doesn't need:
 * the cross-domain plugin stores the swapped session and signals it, and the
 * app's Convex auth follows (src/lib/convexAuth.tsx).
 */
import type { AuthClient } from "./auth-client";

type Failure = { code?: string; message?: string; status?: number } | null;
export type ViewResult = { error: Failure };

let pendingSwap: Promise<unknown> = Promise.resolve();

/** Runs a call that swaps the session, noting it until it has settled. */
function swapSession(call: Promise<unknown>): Promise<ViewResult> {
  pendingSwap = call.catch(() => undefined);
  return call as Promise<ViewResult>;
}

/**
 * Settles once a session swap under way has stored its new session. Stopping
 * a view deletes the old session, and Convex says so over the WebSocket
 * before the HTTP answer with the new one is stored: a "session ended"
 * check must wait for it, or it would sign the admin out.
 */
export function sessionSwapSettled(): Promise<unknown> {
  return pendingSwap;
}

/** Starts viewing as the user with this Better Auth id. */
export function startViewingAs(
  authClient: AuthClient,
  authId: string,
): Promise<ViewResult> {
  return swapSession(
    authClient.$fetch("/admin/impersonate-user", {
      method: "POST",
      body: { userId: authId },
    }),
  );
}

/** Back to the admin's own session. */
export function stopViewing(authClient: AuthClient): Promise<ViewResult> {
  return swapSession(
    authClient.$fetch("/admin/stop-impersonating", {
      method: "POST",
      body: {},
    }),
  );
}
