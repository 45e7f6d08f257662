/**
 * Convex authenticated by Better Auth, without waiting on the network first.
 *
 * Why not the component's ConvexBetterAuthProvider: it waits for
 * `get-session` before asking `/api/auth/convex/token` (and asks twice per
 * load, as its token function changes when the session arrives), so the
 * WebSocket authenticates only after two HTTP round trips in sequence. Here:
 *
 * - "Signed in" is read at once from the session cookie the cross-domain
 *   plugin keeps in localStorage; Better Auth's `get-session` still runs, in
 *   parallel, and clears a session the server no longer has.
 * - The token is the `convex_jwt` cookie Better Auth already sets on sign-in
 *   and `get-session` (kept next to the session cookie), reused while it has
 *   a minute left; otherwise one deduplicated request for a fresh one. Convex
 *   asks again (forced) if the server rejects it.
 */
import { ConvexProviderWithAuth, type ConvexReactClient } from "convex/react";
import {
  useCallback,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { AuthClient } from "./auth-client";

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

function makeTokenSource(authClient: AuthClient) {
  // The session each stored JWT was first seen with: a JWT left over from
  // another session (say, a verification link signed in someone else) is
  // never sent for this one.
  let seenJwt: string | null = null;
  let seenWithSession: string | null = null;
  let pending: Promise<string | null> | null = null;

  const storedToken = (session: string): string | null => {
    const jwt = storedCookie(authClient, "convex_jwt");
    if (jwt !== seenJwt) {
      seenJwt = jwt;
      seenWithSession = session;
    }
    if (!jwt || seenWithSession !== session) return null;
    const fresh = expiresAt(jwt) - Date.now() / 1000 > MIN_VALIDITY_SECONDS;
    return fresh ? jwt : null;
  };

  return async (session: string, forceRefreshToken: boolean) => {
    const stored = forceRefreshToken ? null : storedToken(session);
    if (stored) return stored;
    pending ??= authClient.convex
      .token({ fetchOptions: { throw: false } })
      .then(({ data }) => data?.token ?? null)
      .catch(() => null)
      .finally(() => (pending = null));
    return await pending;
  };
}

function makeUseAuth(authClient: AuthClient) {
  const token = makeTokenSource(authClient);
  const atoms = authClient.$store.atoms;
  const subscribe = (onChange: () => void) => {
    // Sign-in and verification links notify the session signal once the
    // cookie is stored; sign-out and get-session update the session atom;
    // other tabs write the shared storage.
    const stops = [
      atoms.$sessionSignal!.listen(onChange),
      atoms.session!.listen(onChange),
    ];
    window.addEventListener("storage", onChange);
    return () => {
      stops.forEach((stop) => stop());
      window.removeEventListener("storage", onChange);
    };
  };
  const sessionCookie = () => storedCookie(authClient, "session_token");

  return function useAuthFromStoredSession() {
    const session = useSyncExternalStore(subscribe, sessionCookie);
    // Keeps Better Auth's session check running (and the stored one honest).
    authClient.useSession();
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
 * After a social sign-in the server redirects back with a one-time token
 * (`?ott=`): exchange it for a session, as the component's provider does.
 */
function useOneTimeToken(authClient: AuthClient) {
  useEffect(() => {
    const url = new URL(window.location.href);
    const ott = url.searchParams.get("ott");
    if (!ott) return;
    url.searchParams.delete("ott");
    window.history.replaceState({}, "", url);
    void (async () => {
      const result = await authClient.crossDomain.oneTimeToken.verify({
        token: ott,
      });
      const sessionToken = result.data?.session?.token;
      if (!sessionToken) return;
      await authClient.getSession({
        fetchOptions: { headers: { Authorization: `Bearer ${sessionToken}` } },
      });
      authClient.updateSession();
    })();
  }, [authClient]);
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
  const useAuth = useMemo(() => makeUseAuth(authClient), [authClient]);
  useOneTimeToken(authClient);
  return (
    <ConvexProviderWithAuth client={client} useAuth={useAuth}>
      {children}
    </ConvexProviderWithAuth>
  );
}
