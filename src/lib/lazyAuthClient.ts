/**
 * The Better Auth client, loaded on demand instead of in the first bundle.
 *
 * A signed-in reload needs nothing of it before the user's data: the stored
 * session and Convex JWT are read straight from storage
 * (src/lib/authStorage.ts). So its code (better-auth, better-fetch,
 * nanostores, the plugins: about 11 kB gzipped) loads when something asks:
 * src/main.tsx for a signed-out visitor (every such page uses it), the
 * sign-in and emailed-link pages as they mount, Convex's session check
 * once the user is authenticated, a token request, a button's handler, or
 * the router before it shows a code-split page that renders with it
 * (`withAuthClient` in src/router.tsx), so no page suspends on it.
 */
import { use, useSyncExternalStore } from "react";
import type { AuthClient } from "@/lib/auth-client";

type Settings = { convexSiteUrl: string; onTwoFactorRedirect: () => void };

let settings: Settings | null = null;
let loading: Promise<AuthClient> | null = null;
let loaded: AuthClient | null = null;
const listeners = new Set<(client: AuthClient) => void>();

/** Called once by src/main.tsx, before anything can ask for the client. */
export function configureAuthClient(value: Settings): void {
  settings = value;
}

/** The client, created once; the first call starts the download. */
export function loadAuthClient(): Promise<AuthClient> {
  loading ??= import("@/lib/auth-client").then(
    ({ makeAuthClient }) => {
      if (!settings) throw new Error("configureAuthClient() was not called");
      loaded = makeAuthClient(
        settings.convexSiteUrl,
        settings.onTwoFactorRedirect,
      );
      // Before any caller gets it: nothing can sign in unheard.
      for (const listener of listeners) listener(loaded);
      return loaded;
    },
    (error: unknown) => {
      // A failed download (say, a deploy replaced the chunk): the next
      // caller tries again instead of inheriting the failure.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Calls `listener` with the client as soon as it is created, before any
 * `loadAuthClient()` caller receives it. Loads nothing.
 */
export function onAuthClientLoaded(
  listener: (client: AuthClient) => void,
): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The client once loaded, else null; re-renders when it arrives. Loads nothing. */
export function useLoadedAuthClient(): AuthClient | null {
  return useSyncExternalStore(onAuthClientLoaded, () => loaded);
}

/**
 * The client, for pages whose route loads it before rendering them
 * (src/router.tsx). Elsewhere it would suspend until loaded, showing a
 * fallback: pages a visitor lands on call `loadAuthClient()` in handlers
 * and effects instead.
 */
export function useAuthClient(): AuthClient {
  return useLoadedAuthClient() ?? use(loadAuthClient());
}
