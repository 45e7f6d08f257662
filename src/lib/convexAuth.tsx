/**
 * Convex authenticated by Better Auth, without waiting on the network first.
 *
 * Why not the component's ConvexBetterAuthProvider: it waits for
 * `get-session` before asking `/api/auth/convex/token` (and asks twice per
 * load, as its token function changes when the session arrives), so the
 * WebSocket authenticates only after two HTTP round trips in sequence. Here:
 *
 * - "Signed in" is read at once from the session cookie the cross-domain
 *   plugin keeps in localStorage (src/lib/authStorage.ts), without the auth
 *   client, which loads on demand (src/lib/lazyAuthClient.ts). Better
 *   Auth's `get-session` (which extends the session and clears one the
 *   server no longer has) runs once Convex has accepted the user, so it
 *   never competes with the user's data. Nothing is exposed meanwhile:
 *   every Convex call checks the session behind the JWT, and a refused
 *   token request clears the session too.
 * - The token is the `convex_jwt` cookie Better Auth's Convex plugin already
 *   sets next to the session cookie (on sign-in, `get-session` and the token
 *   route: convex/auth.ts orders the plugins so it reaches this storage),
 *   used only when known to be the stored session's own
 *   (src/lib/authStorage.ts) and with a minute left, so a sign-in or a
 *   reload authenticates Convex without a token request first. Otherwise
 *   one deduplicated request for a fresh one. Convex asks again (forced) if
 *   the server rejects it.
 */
import {
  ConvexProviderWithAuth,
  useConvex,
  useConvexAuth,
  useQuery,
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
import { api } from "../../convex/_generated/api";
import type { AuthClient } from "@/lib/auth-client";
import { noteJwtOf, storedCookie, storedJwtFor } from "@/lib/authStorage";
import {
  loadAuthClient,
  onAuthClientLoaded,
  useLoadedAuthClient,
} from "@/lib/lazyAuthClient";
import { trackSessionChange } from "@/lib/sessionChange";
import {
  announceEnd,
  forgetSessionLost,
  noteSessionLost,
} from "@/lib/sessionEnd";
import { jwtClaims } from "@/lib/jwtClaims";
import { takeReturnNonce } from "@/lib/signInRedirect";
import { noteOneTimeTokenRefused } from "@/lib/oneTimeTokenRefusal";

/** Seconds since the epoch at which a JWT expires, or 0 if unreadable. */
function expiresAt(jwt: string): number {
  const exp = jwtClaims(jwt)?.exp;
  return typeof exp === "number" ? exp : 0;
}

const MIN_VALIDITY_SECONDS = 60;

/** The session this tab is signing out of with its own button, if any. */
let signingOutHere: string | null = null;

/**
 * The stored session cookie, as a store React can subscribe to. Sign-in,
 * sign-out and emailed links notify the auth client's session signal, which
 * is followed from the moment the client exists (nothing signs in before);
 * other tabs write the shared storage; `recheck` follows get-session.
 */
const storedSession = (() => {
  const listeners = new Set<() => void>();
  const read = () => storedCookie("session_token");
  // A session that leaves without this tab's button: the sign-in page says
  // why (src/lib/sessionEnd.ts). Runs before React hears of the change.
  let last = read();
  const follow = () => {
    const now = read();
    if (now === last) return;
    if (now) forgetSessionLost();
    else if (last && last !== signingOutHere) noteSessionLost(last);
    last = now;
  };
  window.addEventListener("storage", follow);
  const recheck = () => {
    follow();
    listeners.forEach((listener) => listener());
  };
  onAuthClientLoaded((authClient) =>
    authClient.$store.atoms.$sessionSignal!.listen(recheck),
  );
  const subscribe = (onChange: () => void) => {
    listeners.add(onChange);
    window.addEventListener("storage", onChange);
    return () => {
      listeners.delete(onChange);
      window.removeEventListener("storage", onChange);
    };
  };
  return { subscribe, read, recheck };
})();

/**
 * Whether a token request is being retried (the header says
 * "Reconnecting…"): the network or the server failed, which signs nobody
 * out. Only the server's answer that the session is gone does.
 */
const reconnecting = (() => {
  let value = false;
  const listeners = new Set<() => void>();
  return {
    set(next: boolean) {
      if (next === value) return;
      value = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    read: () => value,
  };
})();

/** Whether a token request is being retried (src/components/ConnectionStatus.tsx). */
export function useReconnecting(): boolean {
  return useSyncExternalStore(reconnecting.subscribe, reconnecting.read);
}

const RETRY_MAX_MS = 30_000;
const TOKEN_TIMEOUT_MS = 15_000;

/**
 * A JWT for the stored session, asked until the server answers: a network
 * error, a timeout, a 5xx or a 429 waits (1 s, doubling to 30 s, or until
 * the browser is back online) and asks again, while this session is still
 * the stored one. Null only for the server's "no" (say, 401: the session is
 * gone) or a session no longer wanted.
 */
async function tokenFor(stillWanted: () => boolean): Promise<string | null> {
  for (let delay = 1000; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
    let status = 0;
    try {
      const client = await loadAuthClient();
      const { data, error } = await client.convex.token({
        fetchOptions: { throw: false, timeout: TOKEN_TIMEOUT_MS },
      });
      if (data?.token) {
        reconnecting.set(false);
        return data.token;
      }
      // A misconfigured deployment won't mend by waiting (src/lib/deploymentCheck.ts).
      status =
        error?.code === "DEPLOYMENT_MISCONFIGURED"
          ? 400
          : (error?.status ?? 401);
    } catch {
      // Offline, timed out, or the client's chunk didn't download: retry.
    }
    const final =
      status > 0 && status < 500 && status !== 408 && status !== 429;
    if (final || !stillWanted()) {
      reconnecting.set(false);
      return null;
    }
    reconnecting.set(true);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        window.removeEventListener("online", done);
        resolve();
      };
      const timer = setTimeout(done, delay);
      window.addEventListener("online", done);
    });
  }
}

function makeTokenSource() {
  let pending: { session: string; token: Promise<string | null> } | null = null;

  // The stored JWT if it is this session's own (src/lib/authStorage.ts) and
  // has a minute left.
  const storedToken = (session: string): string | null => {
    const jwt = storedJwtFor(session);
    const fresh =
      jwt !== null && expiresAt(jwt) - Date.now() / 1000 > MIN_VALIDITY_SECONDS;
    return fresh ? jwt : null;
  };

  // One request per session at a time: a session swapped meanwhile (an
  // admin's view as a user starting or ending) gets its own, never the JWT
  // of the session before.
  const requestToken = (session: string): Promise<string | null> => {
    if (pending?.session === session) return pending.token;
    const request: Promise<string | null> = tokenFor(
      () => storedSession.read() === session,
    ).then((fresh) => {
      if (fresh) noteJwtOf(session, fresh);
      // No token for a stored session: the server has ended it.
      // get-session clears it from storage, and the app signs out.
      else
        void loadAuthClient()
          .then((client) => client.getSession())
          .then(storedSession.recheck, () => undefined);
      if (pending?.token === request) pending = null;
      return fresh;
    });
    pending = { session, token: request };
    return request;
  };

  // The session of the JWT last handed to Convex: the one Convex answers for.
  let current: string | null = null;
  let handed: string | null = null;

  return {
    /** Convex's `fetchAccessToken`: the stored JWT, else one request. */
    get: async (session: string, forceRefreshToken: boolean) => {
      let jwt =
        (forceRefreshToken ? null : storedToken(session)) ??
        (await requestToken(session));
      // Asked again within the second, the server signs the same claims
      // into the same JWT; handed back on a forced refresh, that would make
      // the Convex client drop the user (it wants a new token). Ask again
      // in the next second.
      for (let tries = 0; forceRefreshToken && jwt === handed && tries < 3;) {
        tries += 1;
        await new Promise((wait) =>
          setTimeout(wait, 1050 - (Date.now() % 1000)),
        );
        jwt = await requestToken(session);
      }
      if (jwt) {
        current = session;
        handed = jwt;
      }
      return jwt;
    },
    /** The session Convex is authenticated as (or is becoming). */
    current: () => current,
    /** Starts the request now if the stored JWT won't do (deduplicated). */
    prefetch: (session: string) => {
      if (!storedToken(session)) void requestToken(session);
    },
  };
}

const token = makeTokenSource();

// A session just stored (sign-in, an emailed link) has no JWT yet: its
// request starts at once, while React is still rendering the signed-in page
// that will ask for it.
onAuthClientLoaded((authClient) =>
  authClient.$store.atoms.$sessionSignal!.listen(() => {
    const session = storedSession.read();
    if (session) token.prefetch(session);
  }),
);

/**
 * For src/main.tsx, before the first render. Signed out, every page uses
 * the auth client (sign in, an emailed link): it starts loading now, beside
 * the render. Signed in, the user's data comes first; only a stored JWT
 * that has expired gets its request (and the client) started now.
 */
export function prefetchAuth(): void {
  const session = storedSession.read();
  if (session) token.prefetch(session);
  else void loadAuthClient().catch(() => undefined);
}

/** Convex's auth state from the stored session (`useAuth` of the provider). */
function useAuthFromStoredSession() {
  const session = useSyncExternalStore(
    storedSession.subscribe,
    storedSession.read,
  );
  const fetchAccessToken = useCallback(
    async ({ forceRefreshToken }: { forceRefreshToken: boolean }) =>
      session ? await token.get(session, forceRefreshToken) : null,
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
}

/**
 * After a social sign-in or a magic link, the server redirects back with a
 * one-time token (`?ott=`): exchange it for a session, as the component's
 * provider does, but only if this browser started that redirect (its nonce
 * is in the URL: src/lib/signInRedirect.ts); any other token is someone
 * else's session (login CSRF) and is dropped unexchanged. Called before the
 * first render, so the token is taken from the URL before a route guard
 * redirects away from it; the exchange starts as soon as the auth client has
 * loaded. This is the only place a token is exchanged. Returns whether one
 * is being exchanged.
 */
export function exchangeOneTimeToken(): boolean {
  const url = new URL(window.location.href);
  const ott = url.searchParams.get("ott");
  url.searchParams.delete("ott");
  const startedHere = takeReturnNonce(url);
  if (url.href !== window.location.href) {
    window.history.replaceState(null, "", url);
  }
  if (!ott) return false;
  if (!startedHere) {
    noteOneTimeTokenRefused("notStartedHere");
    return false;
  }
  void trackSessionChange(
    (async () => {
      const authClient = await loadAuthClient();
      const result = await authClient.crossDomain.oneTimeToken
        .verify({ token: ott })
        .catch(() => null);
      const sessionToken = result?.data?.session?.token;
      // Expired or already used: the signed-out page says so.
      if (!sessionToken) return noteOneTimeTokenRefused("expired");
      await authClient.getSession({
        // i18n: not shown to users (an HTTP header's scheme)
        fetchOptions: { headers: { Authorization: `Bearer ${sessionToken}` } },
      });
      // Tells the auth client's session store to re-read (no request).
      authClient.$store.notify("$sessionSignal");
    })(),
  );
  return true;
}

/**
 * Better Auth's session check, started once Convex has accepted the user
 * (signed out, there is nothing to check), with the auth client loaded
 * from then on. When it finds the stored session gone, the app signs out.
 */
function SessionCheck() {
  const authClient = useLoadedAuthClient();
  useEffect(() => void loadAuthClient().catch(() => undefined), []);
  return authClient ? <SessionCheckWith authClient={authClient} /> : null;
}

function SessionCheckWith({ authClient }: { authClient: AuthClient }) {
  const { data, isPending } = authClient.useSession();
  useEffect(() => storedSession.recheck(), [data, isPending]);
  return null;
}

/**
 * Signs out of this browser's session on purpose (the header's button):
 * no "why" on the sign-in page here, "You signed out in another tab" in the
 * others.
 */
export async function signOutHere(authClient: AuthClient): Promise<void> {
  const session = storedSession.read();
  if (session) {
    signingOutHere = session;
    announceEnd(session, "SIGNED_OUT");
  }
  await trackSessionChange(authClient.signOut());
}

/**
 * A session ended on the server (revoked from another device, signed out
 * elsewhere, the account disabled or deleted by an admin): Convex still
 * accepts its JWT for minutes, but `me` turns null at once. On any signed-in
 * page: ask the server why, tell the other tabs, and sign out here too; the
 * route guard then goes to sign-in, which shows why.
 */
// What a tab does once its session has ended, in a chunk of its own: loaded
// while signed in, before it is needed, out of the first bundle.
const loadSessionEnd = () => import("@/lib/endEndedSession");

function SessionEndWatch() {
  const convex = useConvex();
  // The same subscription as the header's: nothing more on the socket.
  const me = useQuery(api.users.me);
  useEffect(() => void loadSessionEnd(), []);
  useEffect(() => {
    if (me === null)
      void loadSessionEnd().then(({ endEndedSession }) =>
        endEndedSession(convex, token.current(), storedSession.read),
      );
  }, [me, convex]);
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

function StoredSessionProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(
    storedSession.subscribe,
    storedSession.read,
  );
  return (
    <StoredSessionContext.Provider value={session !== null}>
      {children}
    </StoredSessionContext.Provider>
  );
}

export function ConvexAuthProvider({
  client,
  children,
}: {
  client: ConvexReactClient;
  children: ReactNode;
}) {
  return (
    <ConvexProviderWithAuth client={client} useAuth={useAuthFromStoredSession}>
      <WhenSignedIn>
        <SessionCheck />
        <SessionEndWatch />
      </WhenSignedIn>
      <StoredSessionProvider>{children}</StoredSessionProvider>
    </ConvexProviderWithAuth>
  );
}
