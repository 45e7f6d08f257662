/**
 * The nonce that binds a sign-in redirect to the browser that started it
 * (src/lib/signInRedirect.ts): what src/lib/convexAuth.tsx accepts before it
 * exchanges a one-time token. The browser journeys
 * (tests/e2e/journeys.social.test.ts) show the attack it stops; these are
 * the edge cases.
 */
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { bindToThisBrowser, takeReturnNonce } from "../src/lib/signInRedirect";

const ORIGIN = "http://127.0.0.1:5173";

beforeEach(() => {
  const items = new Map<string, string>();
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  });
  vi.stubGlobal("window", { location: { origin: ORIGIN } });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const back = () =>
  bindToThisBrowser({
    callbackURL: `${ORIGIN}/`,
    errorCallbackURL: `${ORIGIN}/sign-in?x=1`,
  });

test("every return URL of one redirect gets the same fresh nonce, other parameters kept", () => {
  const first = back();
  const nonce = new URL(first.callbackURL).searchParams.get("nonce");
  expect(nonce).toMatch(/^\d+-\d+-\d+-\d+$/);
  const error = new URL(first.errorCallbackURL);
  expect(error.searchParams.get("nonce")).toBe(nonce);
  expect(error.searchParams.get("x")).toBe("1");
  expect(new URL(back().callbackURL).searchParams.get("nonce")).not.toBe(nonce);
});

test("a nonce this browser stored is accepted, and taken out of the URL", () => {
  const url = new URL(`${back().callbackURL}&ott=abc`);
  expect(takeReturnNonce(url)).toBe(true);
  expect(url.search).toBe("?ott=abc");
});

test("the same URL twice: the second is refused", () => {
  const { callbackURL } = back();
  expect(takeReturnNonce(new URL(callbackURL))).toBe(true);
  expect(takeReturnNonce(new URL(callbackURL))).toBe(false);
});

test("two redirects under way (two tabs): each comes back accepted", () => {
  const a = back().callbackURL;
  const b = back().callbackURL;
  expect(takeReturnNonce(new URL(b))).toBe(true);
  expect(takeReturnNonce(new URL(a))).toBe(true);
});

test("no nonce, an unknown one, or a property name of plain objects: refused", () => {
  back();
  for (const nonce of [null, "", "1-2-3-4", "constructor", "__proto__"]) {
    const url = new URL(`${ORIGIN}/?ott=abc`);
    if (nonce !== null) url.searchParams.set("nonce", nonce);
    expect(takeReturnNonce(url), String(nonce)).toBe(false);
    expect(url.searchParams.has("nonce")).toBe(false);
  }
});

test("a nonce older than its lifetime is refused, and unreadable storage counts as none", () => {
  vi.useFakeTimers();
  const { callbackURL } = back();
  vi.advanceTimersByTime(21 * 60 * 1000);
  expect(takeReturnNonce(new URL(callbackURL))).toBe(false);

  localStorage.setItem("sign-in-redirects", "{not json");
  expect(takeReturnNonce(new URL(callbackURL))).toBe(false);
  localStorage.setItem("sign-in-redirects", '{"a":1}');
  const fresh = back().callbackURL;
  expect(takeReturnNonce(new URL(fresh))).toBe(true);
});
