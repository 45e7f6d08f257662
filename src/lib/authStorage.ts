/**
 * What Better Auth's cross-domain plugin keeps in this browser, read without
 * loading the auth client. The plugin (`crossDomainClient` in
 * @convex-dev/better-auth/dist/plugins/cross-domain/client.js) stores every
 * cookie the auth routes set under `${storagePrefix}_cookie` in
 * localStorage, as JSON `{ [name]: { value, expires } }`; its `getCookie()`
 * skips expired ones. Reading it here lets a signed-in reload authenticate
 * Convex before the auth client has even been downloaded.
 */

/** Passed to `crossDomainClient` (src/lib/auth-client.ts): one key for both. */
export const AUTH_STORAGE_PREFIX = "better-auth";

const COOKIE_KEY = `${AUTH_STORAGE_PREFIX}_cookie`;

type StoredCookies = Record<
  string,
  { value?: string; expires?: string | null }
>;

/**
 * A stored cookie's value by the end of its name (the prefix varies:
 * `better-auth.`, `__Secure-better-auth.`), or null if absent or expired.
 */
export function storedCookie(name: string): string | null {
  let cookies: StoredCookies;
  try {
    cookies = JSON.parse(
      localStorage.getItem(COOKIE_KEY) ?? "{}",
    ) as StoredCookies;
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
