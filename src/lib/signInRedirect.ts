/**
 * Sign-in redirects bound to the browser that started them.
 *
 * A social sign-in, a provider link and an emailed sign-in link leave the
 * SPA and come back to it; a sign-in comes back with a one-time token
 * (`?ott=`) for the session it made. Better Auth would tie an OAuth callback
 * to the browser that started the flow with a state cookie, but the
 * cross-domain plugin of @convex-dev/better-auth skips that check (the SPA
 * can't set cookies on the Convex site). Without a binding, a callback URL
 * or an `?ott=` link from an attacker's own flow signs whoever opens it into
 * the attacker's account (login CSRF). So every return URL carries a random
 * nonce this browser stored before leaving, and src/lib/convexAuth.tsx
 * exchanges a token only if it comes back with one (`takeReturnNonce`).
 *
 * Stored in localStorage rather than per tab: an emailed link opens in a
 * new tab of the browser that asked for it.
 */
const STORAGE_KEY = "sign-in-redirects";
const PARAM = "nonce";
// Outlives Better Auth's OAuth state (10 minutes) or a magic link (5),
// plus the one-time token (3).
const LIFETIME_MS = 20 * 60 * 1000;

/** The nonces of redirects under way, each with when it expires (ms). */
function pending(): Map<string, number> {
  const now = Date.now();
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]") as [
      string,
      number,
    ][];
    return new Map(stored.filter(([, expires]) => expires > now));
  } catch {
    // Unreadable: as if none were under way.
    return new Map();
  }
}

function save(nonces: Map<string, number>): void {
  if (nonces.size)
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...nonces]));
  else localStorage.removeItem(STORAGE_KEY);
}

/**
 * The return URLs of a redirect this browser starts now (`callbackURL`,
 * `errorCallbackURL`, …), each given one fresh nonce, which is stored until
 * it comes back or expires.
 *
 * @example
 * authClient.signIn.social({
 *   provider,
 *   ...bindToThisBrowser({ callbackURL: `${origin}/`, errorCallbackURL }),
 * });
 */
export function bindToThisBrowser<T extends Record<string, string>>(
  urls: T,
): T {
  // 128 random bits.
  const nonce = crypto.getRandomValues(new Uint32Array(4)).join("-");
  const nonces = pending();
  nonces.set(nonce, Date.now() + LIFETIME_MS);
  save(nonces);
  const bound: Record<string, string> = {};
  for (const [name, value] of Object.entries(urls)) {
    const url = new URL(value, window.location.origin);
    url.searchParams.set(PARAM, nonce);
    bound[name] = url.href;
  }
  return bound as T;
}

/**
 * Takes the nonce out of `url` (the page's own, before the first render):
 * true if it is one this browser stored, which is then used up.
 */
export function takeReturnNonce(url: URL): boolean {
  const nonce = url.searchParams.get(PARAM);
  if (nonce === null) return false;
  url.searchParams.delete(PARAM);
  const nonces = pending();
  const started = nonces.delete(nonce);
  save(nonces);
  return started;
}

/**
 * The return URLs of a sign-in that leaves the SPA (a provider, an emailed
 * link), bound to this browser: success to `returnTo` (a `returnPath`) or
 * the dashboard, errors to the sign-in page, which shows them (the guard on
 * a signed-in page would drop `?error=`) and keeps `returnTo`.
 */
export function signInReturnUrls(returnTo: string | undefined) {
  return bindToThisBrowser({
    callbackURL: returnTo ?? "/",
    errorCallbackURL: returnTo
      ? `/sign-in?redirect=${encodeURIComponent(returnTo)}`
      : "/sign-in",
  });
}
