import type { BetterAuthClientPlugin } from "better-auth/client";

/**
 * Requests that replace the session stored in this browser: a one-time
 * token's exchange after social sign-in or a magic link, an admin's view as
 * a user starting or ending, and every auth request under way (turning on
 * two-factor or changing a password swaps the session too: Convex reports
 * the old one gone before the response stores the new one). The cross-domain client stores each response's
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

/** The longest an auth request counts as under way (one that never ends). */
const MAX_REQUEST_MS = 10_000;

type FetchPlugin = NonNullable<BetterAuthClientPlugin["fetchPlugins"]>[number];

const requestsUnderWay: FetchPlugin = {
  id: "session-changes",
  name: "Session changes",
  init(url, options) {
    let end = () => {};
    void trackSessionChange(
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, MAX_REQUEST_MS);
        end = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    );
    // The hooks see these options as their `request`.
    if (options) Object.assign(options, { sessionChangeEnd: end });
    return { url, options };
  },
  hooks: {
    onSuccess: (context) => finish(context.request),
    onError: (context) => finish(context.request),
  },
};

function finish(request: unknown) {
  (request as { sessionChangeEnd?: () => void }).sessionChangeEnd?.();
}

/**
 * The auth client plugin that counts every auth request as a session change
 * until its response is stored. Listed after the cross-domain plugin
 * (src/lib/auth-client.ts), whose hook stores the response's cookies.
 */
export function sessionChangesClient() {
  return {
    id: "session-changes",
    fetchPlugins: [requestsUnderWay],
  } satisfies BetterAuthClientPlugin;
}
