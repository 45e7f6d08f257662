/**
 * The page a sign-in returns to (`?redirect=` on the sign-in pages,
 * `returnPath` in src/lib/search.ts): only a path of this app, so a link
 * can't use the sign-in page to send someone elsewhere (open redirect).
 * The browser journeys (tests/e2e/journeys.account.test.ts) show it carried
 * through each way of signing in; these are the values it must refuse.
 */
import { expect, test } from "vitest";
import { returnPath } from "../src/lib/search";

const ORIGIN = "http://127.0.0.1:5173";

const KEPT = [
  "/",
  "/settings",
  "/admin?user=k57abc123&page=2",
  "/settings#passkeys",
  "/admin?user=a%20b",
  // A path that merely looks like a scheme is still a path here.
  "/javascript:alert(1)",
];

const REFUSED = [
  // Another origin, written every way a browser or the router accepts.
  "//evil.example",
  "///evil.example",
  "https://evil.example",
  "HTTPS://evil.example/settings",
  "http:evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/settings\\..\\..\\evil",
  // Browsers drop tabs and newlines inside URLs: "/\t/x" is "//x".
  "/\t/evil.example",
  "/\n/evil.example",
  " //evil.example",
  // Schemes that run or show something instead of navigating.
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  // Encoded: whoever decodes it once more must not find another origin.
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%2Fevil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "/%09/evil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "%68ttps://evil.example",
  "javascript%3Aalert(1)",
  "%6A%61%76%61%73%63%72%69%70%74:alert(1)",
  // Not decodable at all.
  "/%E0%A4%A",
  // Relative paths the browser would resolve against the current page.
  "settings",
  "./settings",
  "../settings",
  "",
];

test.each(KEPT)("keeps %j, a path on this origin", (value) => {
  expect(returnPath(value)).toBe(value);
  expect(new URL(value, ORIGIN).origin).toBe(ORIGIN);
});

test.each(REFUSED)("refuses %j", (value) => {
  expect(returnPath(value)).toBeUndefined();
});

test("refuses anything but a string (the router parses numbers, arrays and objects from the URL)", () => {
  for (const value of [undefined, null, 1, true, ["/settings"], { to: "/" }])
    expect(returnPath(value)).toBeUndefined();
});
