/**
 * GitHub's OAuth endpoints for tests: Better Auth's GitHub provider and
 * Auth.js's (under Convex Auth) have github.com's URLs built in, and this
 * machine can't reach them. The backend runs in the test's process, so
 * its server-side fetches to github.com and api.github.com are answered
 * here, as GitHub answers them; every other request goes out as usual.
 * The browser's side (the authorize page) is `authorize`: GitHub's consent,
 * given by the user of the test's choosing.
 */
import { randomBytes } from "node:crypto";

export type GitHubUser = {
  id: number;
  login: string;
  name: string;
  email: string;
};

export type FakeGitHub = {
  /**
   * The user at GitHub approves: returns the app's callback URL with the
   * code and state, as GitHub's redirect does.
   */
  authorize(authorizeUrl: URL, user: GitHubUser): URL;
  /** Puts fetch back. */
  restore(): void;
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

export function installFakeGitHub(): FakeGitHub {
  const realFetch = globalThis.fetch;
  const codes = new Map<string, GitHubUser>();
  const tokens = new Map<string, GitHubUser>();

  async function answer(url: URL, init: RequestInit | undefined) {
    if (
      url.host === "github.com" &&
      url.pathname === "/login/oauth/access_token"
    ) {
      const body = new URLSearchParams(
        typeof init?.body === "string" ? init.body : String(init?.body ?? ""),
      );
      const user = codes.get(body.get("code") ?? "");
      if (!user) return json({ error: "bad_verification_code" });
      codes.delete(body.get("code")!);
      const token = `gho_${randomBytes(12).toString("hex")}`;
      tokens.set(token, user);
      return json({
        access_token: token,
        token_type: "bearer",
        scope: "read:user,user:email",
      });
    }
    if (url.host === "api.github.com") {
      const headers = new Headers(init?.headers);
      const token = headers
        .get("authorization")
        ?.replace(/^(Bearer|token) /i, "");
      const user = tokens.get(token ?? "");
      if (!user) return json({ message: "Bad credentials" }, 401);
      if (url.pathname === "/user") {
        return json({
          id: user.id,
          login: user.login,
          name: user.name,
          email: user.email,
          avatar_url: `https://avatars.example.com/${user.id}`,
        });
      }
      if (url.pathname === "/user/emails") {
        return json([
          {
            email: user.email,
            primary: true,
            verified: true,
            visibility: "public",
          },
        ]);
      }
    }
    return json({ message: "Not Found" }, 404);
  }

  globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : input.toString());
    if (url.host === "github.com" || url.host === "api.github.com") {
      const merged: RequestInit = request
        ? {
            method: request.method,
            headers: request.headers,
            body: request.method === "GET" ? undefined : await request.text(),
            ...init,
          }
        : (init ?? {});
      if (merged.body instanceof URLSearchParams)
        merged.body = merged.body.toString();
      return await answer(url, merged);
    }
    return await realFetch(input, init);
  };

  return {
    authorize(authorizeUrl, user) {
      if (authorizeUrl.origin !== "https://github.com") {
        throw new Error(`Not GitHub's authorize URL: ${authorizeUrl}`);
      }
      const code = randomBytes(10).toString("hex");
      codes.set(code, user);
      const callback = new URL(authorizeUrl.searchParams.get("redirect_uri")!);
      callback.searchParams.set("code", code);
      const state = authorizeUrl.searchParams.get("state");
      if (state) callback.searchParams.set("state", state);
      return callback;
    },
    restore() {
      globalThis.fetch = realFetch;
    },
  };
}
