/**
 * Configuration errors reach the person who can fix them: the deployment's
 * `/api/config-check` lists each problem with its fix, and the SPA's auth
 * client (src/lib/deploymentCheck.ts) turns an unexplained failure, such as
 * the bare CORS error of an unset SITE_URL, into that message. The browser's
 * side is modelled by `browserFetch`: a preflight for non-simple requests,
 * and a network error for any answer without a matching CORS header.
 */
import { createAuthClient } from "better-auth/client";
import { afterEach, describe, expect, test, vi } from "vitest";
import { describeAuthError } from "../src/lib/authErrors";
import {
  DEPLOYMENT_MISCONFIGURED,
  withDeploymentCheck,
} from "../src/lib/deploymentCheck";
import {
  makeBackend,
  newUser,
  setTestEnv,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";

afterEach(() => {
  setTestEnv();
  vi.restoreAllMocks();
});

const DEPLOYMENT = "http://127.0.0.1:3211"; // CONVEX_SITE_URL in the tests

type Fetch = (
  input: RequestInfo | URL,
  init?: RequestInit,
) => Promise<Response>;

/** fetch as a browser showing a page from `pageOrigin` does it. */
function browserFetch(t: Backend, pageOrigin: string): Fetch {
  const send = async (path: string, init: RequestInit) => {
    try {
      return await t.fetch(path, init);
    } catch {
      return new Response(null, { status: 500 }); // an uncaught server error
    }
  };
  const allowed = (response: Response) =>
    ["*", pageOrigin].includes(
      response.headers.get("access-control-allow-origin") ?? "",
    );
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const path = url.pathname + url.search;
    const method = init.method ?? "GET";
    const headers = new Headers(init.headers);
    const custom = [...headers.keys()];
    if (method !== "GET" || custom.length > 0) {
      const preflight = await send(path, {
        method: "OPTIONS",
        headers: {
          origin: pageOrigin,
          "access-control-request-method": method,
          "access-control-request-headers": custom.join(","),
        },
      });
      if (!preflight.ok || !allowed(preflight)) {
        throw new TypeError("Failed to fetch");
      }
    }
    headers.set("origin", pageOrigin);
    const response = await send(path, { method, headers, body: init.body });
    if (!allowed(response)) throw new TypeError("Failed to fetch");
    return response;
  };
}

/** The SPA's Better Auth client, as src/lib/auth-client.ts builds it. */
function spaClient(t: Backend, pageOrigin = SITE_URL) {
  return createAuthClient({
    baseURL: DEPLOYMENT,
    fetchOptions: {
      customFetchImpl: withDeploymentCheck(
        DEPLOYMENT,
        browserFetch(t, pageOrigin),
      ),
    },
  });
}

async function configCheck(t: Backend, origin = SITE_URL) {
  const response = await t.fetch("/api/config-check", {
    headers: { origin },
  });
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const text = await response.text();
  return {
    text,
    ...(JSON.parse(text) as { ok: boolean; problems: unknown[] }),
  };
}

describe("GET /api/config-check", () => {
  test("a well-configured deployment: ok, no problems", async () => {
    const t = makeBackend();
    expect(await configCheck(t)).toMatchObject({ ok: true, problems: [] });
  });

  test.each([
    [
      "SITE_URL unset",
      () => delete process.env.SITE_URL,
      /SITE_URL is not set\. Run: npx convex env set SITE_URL/,
    ],
    [
      "SITE_URL invalid",
      () => (process.env.SITE_URL = "localhost:5173 oops"),
      /SITE_URL is not a valid http\(s\) URL/,
    ],
    [
      "BETTER_AUTH_SECRET unset",
      () => delete process.env.BETTER_AUTH_SECRET,
      /BETTER_AUTH_SECRET is not set\. Run: npx convex env set BETTER_AUTH_SECRET/,
    ],
    [
      "BETTER_AUTH_SECRET too short",
      () => (process.env.BETTER_AUTH_SECRET = "short-secret-value"),
      /at least 32 characters/,
    ],
    [
      "RESEND_API_KEY without EMAIL_FROM",
      () => (process.env.RESEND_API_KEY = "re_secret_key_value"),
      /EMAIL_FROM is not\. Run: npx convex env set EMAIL_FROM/,
    ],
    [
      "AUTH_SHARED_LIMIT_PER_MINUTE not a number",
      () => (process.env.AUTH_SHARED_LIMIT_PER_MINUTE = "lots"),
      /AUTH_SHARED_LIMIT_PER_MINUTE must be a whole number.*npx convex env set AUTH_SHARED_LIMIT_PER_MINUTE/,
    ],
    [
      "no email on a deployed app",
      () => (process.env.SITE_URL = "https://app.example.com"),
      /Email is not configured.*npx convex env set RESEND_API_KEY/,
    ],
  ])(
    "%s: named, with its fix, and no secret in the answer",
    async (_, breakIt, message) => {
      const t = makeBackend();
      breakIt();
      const origin = process.env.SITE_URL?.startsWith("https:")
        ? process.env.SITE_URL
        : SITE_URL;
      const { ok, problems, text } = await configCheck(t, origin);
      expect(ok).toBe(false);
      expect(problems).toEqual([
        {
          variable: expect.any(String),
          message: expect.stringMatching(message),
        },
      ]);
      for (const secret of [
        "short-secret-value",
        "re_secret_key_value",
        "test-secret-that-is-long-enough",
      ]) {
        expect(text).not.toContain(secret);
      }
    },
  );

  test("an app served from another origin than SITE_URL: says which to set", async () => {
    const t = makeBackend();
    const { problems } = await configCheck(t, "http://localhost:4173");
    expect(problems).toEqual([
      {
        variable: "SITE_URL",
        message: expect.stringContaining(
          "SITE_URL is http://localhost:5173, but the app runs at http://localhost:4173",
        ),
      },
    ]);
  });
});

describe("the SPA shows what is wrong and how to fix it", () => {
  test("SITE_URL unset: the browser sees a bare CORS failure; the sign-in page shows the fix", async () => {
    const t = makeBackend();
    delete process.env.SITE_URL;
    // What the browser alone would get: a network error, nothing to show.
    await expect(
      browserFetch(t, SITE_URL)(`${DEPLOYMENT}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    ).rejects.toThrow("Failed to fetch");

    const { error } = await spaClient(t).signIn.email({
      email: "someone@example.com",
      password: "whatever password",
    });
    expect(error).toMatchObject({
      status: 503,
      code: DEPLOYMENT_MISCONFIGURED,
    });
    expect(describeAuthError(error)).toMatch(
      /SITE_URL is not set\. Run: npx convex env set SITE_URL/,
    );
  });

  test("SITE_URL set to another origin: the page names the origin to set", async () => {
    const t = makeBackend();
    const { error } = await spaClient(t, "http://localhost:4173").signIn.email({
      email: "someone@example.com",
      password: "whatever password",
    });
    expect(describeAuthError(error)).toMatch(
      /npx convex env set SITE_URL http:\/\/localhost:4173/,
    );
  });

  test("no email on a deployed app: sign-up shows the fix instead of a dead end", async () => {
    const t = makeBackend();
    process.env.SITE_URL = "https://app.example.com";
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { error } = await spaClient(
      t,
      "https://app.example.com",
    ).signUp.email(newUser());
    expect(error?.status).toBe(503);
    expect(describeAuthError(error)).toMatch(
      /Email is not configured.*npx convex env set RESEND_API_KEY/,
    );
  });

  test("a well-configured deployment's own errors pass through unchanged", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    const client = spaClient(t);
    const wrong = await client.signIn.email({
      email: user.email,
      password: "a wrong password",
    });
    expect(wrong.error).toMatchObject({
      status: 401,
      code: "INVALID_EMAIL_OR_PASSWORD",
    });
    const right = await client.signIn.email(user);
    expect(right.error).toBeNull();
  });
});
