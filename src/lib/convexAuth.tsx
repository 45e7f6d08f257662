/**
 * Convex authenticated by Better Auth, without waiting on the network first.
 *
 * Why not the component's ConvexBetterAuthProvider: it waits for
 * `get-session` before asking `/api/auth/convex/token` (and asks twice per
 * load, as its token function changes when the session arrives), so the
 * WebSocket authenticates only after two HTTP round trips in sequence. Here:
 *
 * - "Signed in" is read at once from the session cookie the cross-domain
 *   plugin keeps in localStorage. Better Auth's `get-session` (which extends
 *   the session and clears one the server no longer has) runs once Convex
 *   has accepted the user, so it never competes with the user's data.
 *   Nothing is exposed meanwhile: every Convex call checks the session
 *   behind the JWT, and a refused token request clears the session too.
 * - The token is the `convex_jwt` cookie Better Auth's Convex plugin already
 *   sets (on `get-session` and the token route; not on email sign-in) next
 *   to the session cookie, reused while it has a minute left; otherwise one
 *   deduplicated request for a fresh one. Convex asks again (forced) if the
 *   server rejects it.
 */
import {
  ConvexProviderWithAuth,
  useConvexAuth,
  type ConvexReactClient,
} from "convex/react";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { AuthClient } from "./auth-client";
import { noteOneTimeTokenRefused } from "./socialSignIn";

/** A stored cookie's value by the end of its name (prefixes vary). */
function storedCookie(authClient: AuthClient, name: string): string | null {
  for (const pair of authClient.getCookie().split("; ")) {
    const at = pair.indexOf("=");
    if (pair.slice(0, at).endsWith(name) && pair.length > at + 1)
      return pair.slice(at + 1);
  }
  return null;
}

/** Seconds since the epoch at which a JWT expires, or 0 if unreadable. */
function expiresAt(jwt: string): number {
  try {
    const payload = jwt.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/");
    return (JSON.parse(atob(payload)) as { exp?: number }).exp ?? 0;
  } catch {
    return 0;
  }
}

const MIN_VALIDITY_SECONDS = 60;

/** The stored session cookie, as a store React can subscribe to. */
function makeStoredSession(authClient: AuthClient) {
  const listeners = new Set<() => void>();
  const recheck = () => listeners.forEach((listener) => listener());
  const subscribe = (onChange: () => void) => {
    // Sign-in, sign-out and verification links notify the session signal;
    // other tabs write the shared storage; `recheck` follows get-session.
    const stopSignal = authClient.$store.atoms.$sessionSignal!.listen(onChange);
    listeners.add(onChange);
    window.addEventListener("storage", onChange);
    return () => {
      stopSignal();
      listeners.delete(onChange);
      window.removeEventListener("storage", onChange);
    };
  };
  const read = () => storedCookie(authClient, "session_token");
  return { subscribe, read, recheck };
}

type StoredSession = ReturnType<typeof makeStoredSession>;

function makeTokenSource(authClient: AuthClient, stored: StoredSession) {
  // The session each JWT was first seen with. A JWT stays in storage when a
  // password change or an emailed link replaces the session; it is never
  // sent for the new one.
  const sessionOf = new Map<string, string>();
  let pending: Promise<string | null> | null = null;

  const storedToken = (session: string): string | null => {
    const jwt = storedCookie(authClient, "convex_jwt");
    if (!jwt) return null;
    if (!sessionOf.has(jwt)) sessionOf.set(jwt, session);
    if (sessionOf.get(jwt) !== session) return null;
    const fresh = expiresAt(jwt) - Date.now() / 1000 > MIN_VALIDITY_SECONDS;
    return fresh ? jwt : null;
  };

  return async (session: string, forceRefreshToken: boolean) => {
    const reusable = forceRefreshToken ? null : storedToken(session);
    if (reusable) return reusable;
    pending ??= authClient.convex
      .token({ fetchOptions: { throw: false } })
      .then(({ data }) => data?.token ?? null)
      .catch(() => null)
      .finally(() => (pending = null));
    const fresh = await pending;
    if (fresh) sessionOf.set(fresh, session);
    // No token for a stored session: the server has ended it. get-session
    // clears it from storage, and the app signs out.
    else void authClient.getSession().then(stored.recheck);
    return fresh;
  };
}

function makeUseAuth(authClient: AuthClient, stored: StoredSession) {
  const token = makeTokenSource(authClient, stored);
  return function useAuthFromStoredSession() {
    const session = useSyncExternalStore(stored.subscribe, stored.read);
    const fetchAccessToken = useCallback(
      async ({ forceRefreshToken }: { forceRefreshToken: boolean }) =>
        session ? await token(session, forceRefreshToken) : null,
      [session],
    );
    return useMemo(
      () => ({
        isLoading: false,
        isAuthenticated: session !== null,
        fetchAccessToken,
      }),
      [session, fetchAccessToken],
    );
  };
}

/**
 * After a social sign-in or a magic link, the server redirects back with a
 * one-time token (`?ott=`): exchange it for a session, as the component's
 * provider does. Called before the first render, so the token is taken from
 * the URL before a route guard redirects away from it.
 */
export function exchangeOneTimeToken(authClient: AuthClient) {
  const url = new URL(window.location.href);
  const ott = url.searchParams.get("ott");
  if (!ott) return;
  url.searchParams.delete("ott");
  window.history.replaceState(null, "", url);
  pendingExchange = (async () => {
    const result = await authClient.crossDomain.oneTimeToken
      .verify({ token: ott })
      .catch(() => null);
    const sessionToken = result?.data?.session?.token;
    // Expired or already used: the signed-out page says so.
    if (!sessionToken) return noteOneTimeTokenRefused();
    await authClient.getSession({
      fetchOptions: { headers: { Authorization: `Bearer ${sessionToken}` } },
    });
    authClient.updateSession();
  })();
}

let pendingExchange: Promise<void> = Promise.resolve();

/**
 * Settles once a one-time token from the URL has been exchanged (at once if
 * there was none). Auth requests a page starts by itself (passkey autofill)
 * wait for it: the cross-domain client stores each response's cookies by
 * read-merge-write, so one racing the exchange could drop the new session.
 */
export function oneTimeTokenExchanged(): Promise<void> {
  return pendingExchange;
}

/**
 * Better Auth's session check, started once Convex has accepted the user
 * (signed out, there is nothing to check). When it finds the stored session
 * gone, the app signs out.
 */
function SessionCheck({
  authClient,
  stored,
}: {
  authClient: AuthClient;
  stored: StoredSession;
}) {
  const { data, isPending } = authClient.useSession();
  useEffect(() => stored.recheck(), [data, isPending, stored]);
  return null;
}

function WhenSignedIn({ children }: { children: ReactNode }) {
  return useConvexAuth().isAuthenticated ? children : null;
}

const StoredSessionContext = createContext(false);

/**
 * Whether this browser holds a session, before Convex has confirmed it: the
 * router treats "stored but not yet accepted" as still loading.
 */
export function useHasStoredSession(): boolean {
  return useContext(StoredSessionContext);
}

function StoredSessionProvider({
  stored,
  children,
}: {
  stored: StoredSession;
  children: ReactNode;
}) {
  const session = useSyncExternalStore(stored.subscribe, stored.read);
  return (
    <StoredSessionContext.Provider value={session !== null}>
      {children}
    </StoredSessionContext.Provider>
  );
}

export function ConvexAuthProvider({
  client,
  authClient,
  children,
}: {
  client: ConvexReactClient;
  authClient: AuthClient;
  children: ReactNode;
}) {
  const stored = useMemo(() => makeStoredSession(authClient), [authClient]);
  const useAuth = useMemo(
    () => makeUseAuth(authClient, stored),
    [authClient, stored],
  );
  return (
    <ConvexProviderWithAuth client={client} useAuth={useAuth}>
      <WhenSignedIn>
        <SessionCheck authClient={authClient} stored={stored} />
      </WhenSignedIn>
      <StoredSessionProvider stored={stored}>{children}</StoredSessionProvider>
    </ConvexProviderWithAuth>
  );
}
