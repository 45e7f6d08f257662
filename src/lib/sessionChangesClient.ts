import type { BetterAuthClientPlugin } from "better-auth/client";
import { MAX_CHANGE_MS, trackSessionChange } from "@/lib/sessionChange";

/** The longest an auth request counts as under way (one that never ends). */

type FetchPlugin = NonNullable<BetterAuthClientPlugin["fetchPlugins"]>[number];

const requestsUnderWay: FetchPlugin = {
  id: "session-changes",
  // i18n: not shown to users (a fetch plugin's name)
  name: "Session changes",
  init(url, options) {
    let end = () => {};
    void trackSessionChange(
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, MAX_CHANGE_MS);
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
