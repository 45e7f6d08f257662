/**
 * What Better Auth's cross-domain plugin keeps in this browser, read without
 * loading the auth client. The plugin (`crossDomainClient` in
 * @convex-dev/better-auth/dist/plugins/cross-domain/client.js) stores every
 * cookie the auth routes set under `${storagePrefix}_cookie` in
 * localStorage, as JSON `{ [name]: { value, expires } }`; its `getCookie()`
 * skips expired ones. Reading it here lets a signed-in reload authenticate
 * Convex before the auth client has even been downloaded.
 */
import { jwtClaims } from "@/lib/jwtClaims";

/** Passed to `crossDomainClient` (src/lib/auth-client.ts): one key for both. */
export const AUTH_STORAGE_PREFIX = "better-auth";

const COOKIE_KEY = `${AUTH_STORAGE_PREFIX}_cookie`;

type StoredCookies = Record<
  string,
  { value?: string; expires?: string | null }
>;

/** A cookie's value in the stored JSON, by the end of its name, or null. */
function cookieIn(json: string | null, name: string): string | null {
  let cookies: StoredCookies;
  try {
    cookies = JSON.parse(json ?? "{}") as StoredCookies;
  } catch {
    return null;
  }
  const now = Date.now();
  for (const [key, cookie] of Object.entries(cookies ?? {})) {
    if (!key.endsWith(name) || !cookie?.value) continue;
    if (cookie.expires && new Date(cookie.expires).getTime() < now) continue;
    return cookie.value;
  }
  return null;
}

/**
 * A stored cookie's value by the end of its name (the prefix varies:
 * `better-auth.`, `__Secure-better-auth.`), or null if absent or expired.
 */
export function storedCookie(name: string): string | null {
  return cookieIn(localStorage.getItem(COOKIE_KEY), name);
}

/**
 * Which session the stored Convex JWT is for. One `convex_jwt` is kept
 * beside the session cookie, and a session can change while it stays (a
 * password change, the second factor, an admin's view): sent for the new
 * session, it would be refused. So a session is known by the `sessionId`
 * claim of a JWT known to be its own, one that came in the answer that
 * stored the session (a sign-in), or one asked for it by the token source;
 * any stored JWT with that claim is then its own (`get-session` sends new
 * ones). One session at a time, shared by the tabs.
 */
const JWT_SESSION_KEY = `${AUTH_STORAGE_PREFIX}_convex_jwt_session`;

const sessionIdOf = (jwt: string) => jwtClaims(jwt)?.sessionId;

/** Records that `jwt` was issued for `session`. */
export function noteJwtOf(session: string, jwt: string): void {
  const sessionId = sessionIdOf(jwt);
  if (typeof sessionId === "string")
    localStorage.setItem(JWT_SESSION_KEY, `${sessionId} ${session}`);
}

/** The stored Convex JWT if it is `session`'s own, else null. */
export function storedJwtFor(session: string): string | null {
  const jwt = storedCookie("convex_jwt");
  const known = localStorage.getItem(JWT_SESSION_KEY);
  return jwt && known === `${sessionIdOf(jwt)} ${session}` ? jwt : null;
}

/**
 * localStorage for the cross-domain plugin (src/lib/auth-client.ts): an
 * answer that stores a new session and a new JWT together (a sign-in: the
 * server signs it for the session it started) makes the JWT known as that
 * session's, so Convex gets it without a token request.
 */
export const crossDomainStorage = {
  getItem: (key: string) => localStorage.getItem(key),
  setItem(key: string, value: string) {
    const before = localStorage.getItem(key);
    localStorage.setItem(key, value);
    if (key !== COOKIE_KEY) return;
    const session = cookieIn(value, "session_token");
    const jwt = cookieIn(value, "convex_jwt");
    if (
      session &&
      jwt &&
      session !== cookieIn(before, "session_token") &&
      jwt !== cookieIn(before, "convex_jwt")
    )
      noteJwtOf(session, jwt);
  },
};
