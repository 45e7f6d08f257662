/**
 * The SPA reads the stored session and Convex JWT without its auth client
 * (src/lib/authStorage.ts), so a signed-in reload authenticates Convex
 * before that client has loaded. This checks the reader against the real
 * client (src/lib/auth-client.ts, with the cross-domain plugin) signing in
 * through the real routes: it finds exactly what the plugin stored, under
 * the plugin's own key, and nothing once the plugin drops or expires it.
 */
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { makeAuthClient } from "../src/lib/auth-client";
import { storedCookie } from "../src/lib/authStorage";
import {
  makeBackend,
  newUser,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";

const DEPLOYMENT = "http://127.0.0.1:3211"; // CONVEX_SITE_URL in the tests

/** The browser's localStorage, in memory. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

let storage: ReturnType<typeof memoryStorage>;

beforeEach(() => {
  storage = memoryStorage();
  // The plugin picks localStorage when it runs in a window.
  vi.stubGlobal("window", new EventTarget());
  vi.stubGlobal("localStorage", storage);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The SPA's client, its requests answered by the backend's real routes. */
function spaClient(t: Backend) {
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init.headers);
    headers.set("origin", SITE_URL);
    return t.fetch(url.pathname + url.search, { ...init, headers });
  });
  return makeAuthClient(DEPLOYMENT, () => undefined);
}

/** The client's own reading of a stored cookie (its `getCookie()`); empty is none. */
function clientCookie(
  client: ReturnType<typeof spaClient>,
  name: string,
): string | null {
  const pair = client
    .getCookie()
    .split("; ")
    .find((entry) => entry.slice(0, entry.indexOf("=")).endsWith(name));
  return pair?.slice(pair.indexOf("=") + 1) || null;
}

test("the session and JWT the client stores are read without it, until dropped", async () => {
  const t = makeBackend();
  const user = newUser();
  await signUp(t, user);
  const client = spaClient(t);
  expect(storedCookie("session_token")).toBeNull();

  const signedIn = await client.signIn.email(user);
  expect(signedIn.error).toBeNull();
  const session = storedCookie("session_token");
  expect(session).toBeTruthy();
  expect(session).toBe(clientCookie(client, "session_token"));

  const { data } = await client.convex.token();
  expect(data?.token).toBeTruthy();
  expect(storedCookie("convex_jwt")).toBe(data!.token);
  expect(storedCookie("convex_jwt")).toBe(clientCookie(client, "convex_jwt"));

  // An entry past its expiry is skipped, as the plugin's getCookie() does.
  const [key] = [...storage.items.keys()].filter((k) => k.endsWith("_cookie"));
  const cookies = JSON.parse(storage.getItem(key!)!) as Record<
    string,
    { value: string; expires: string | null }
  >;
  for (const cookie of Object.values(cookies))
    if (cookie.value === data!.token)
      cookie.expires = new Date(Date.now() - 1000).toISOString();
  storage.setItem(key!, JSON.stringify(cookies));
  expect(clientCookie(client, "convex_jwt")).toBeNull();
  expect(storedCookie("convex_jwt")).toBeNull();
  expect(storedCookie("session_token")).toBe(session);

  await client.signOut();
  expect(storedCookie("session_token")).toBeNull();
  expect(clientCookie(client, "session_token")).toBeNull();
});
