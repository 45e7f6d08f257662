import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import {
  asSession,
  authFetch,
  makeBackend,
  mergeCookies,
  newUser,
  PASSWORD,
  signIn,
  signUp,
} from "./support/backend";
import {
  authorize,
  callback,
  clearProviderEnv,
  newIdentity,
  sessionCookieFrom,
  signInWithDev,
  startFlow,
  startProviderFor,
} from "./support/oauth";

const logged: string[] = [];

beforeEach(() => {
  logged.length = 0;
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(
        args
          .map((a) =>
            typeof a === "string" ? a : (JSON.stringify(a) ?? String(a)),
          )
          .join(" "),
      );
    });
  }
});
afterEach(() => vi.restoreAllMocks());

describe("logs of the auth flows", () => {
  test("never contain passwords, session tokens or JWTs", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    const wrong = await signIn(t, {
      email: user.email,
      password: "a wrong password",
    });
    expect(wrong.status).toBe(401);
    const ok = await signIn(t, user);
    const cookie = mergeCookies("", ok);
    const tokenResponse = await authFetch(t, "/convex/token", { cookie });
    const { token: jwt } = (await tokenResponse.json()) as { token: string };
    await (await asSession(t, { cookie })).query(api.users.me, {});
    await authFetch(t, "/change-password", {
      cookie,
      body: { currentPassword: PASSWORD, newPassword: "another password 9" },
    });
    await authFetch(t, "/sign-out", { cookie: session.cookie, body: {} });

    const sessionTokens = [
      ...`${session.cookie}; ${cookie}`.matchAll(/session_token=([^.;]+)/g),
    ].map((m) => m[1]!);
    expect(sessionTokens.length).toBeGreaterThan(0);
    const everything = logged.join("\n");
    for (const secret of [
      PASSWORD,
      "a wrong password",
      "another password 9",
      jwt,
      ...sessionTokens,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    expect(everything).not.toContain(process.env.BETTER_AUTH_SECRET!);
  });
});

describe("logs of social sign-in", () => {
  test("never contain the client secret, codes, one-time tokens, session tokens or ID tokens", async () => {
    const provider = await startProviderFor();
    try {
      const t = makeBackend();
      provider.signInAs(newIdentity());
      const authorizeUrl = await startFlow(t);
      const callbackUrl = await authorize(authorizeUrl);
      const landing = await callback(t, callbackUrl);
      const cookie = await sessionCookieFrom(t, landing);
      // A refused identity and a failed code exchange log their errors.
      provider.signInAs(newIdentity({ emailVerified: false }));
      await signInWithDev(t);
      provider.service.once("beforeResponse", (response) => {
        response.statusCode = 400;
        response.body = { error: "invalid_grant" };
      });
      await signInWithDev(t);

      const everything = logged.join("\n");
      // The failures were logged, so the logs were looked at.
      expect(everything).toContain("account_not_linked");
      for (const secret of [
        provider.env.DEV_OAUTH_CLIENT_SECRET,
        callbackUrl.searchParams.get("code")!,
        landing.searchParams.get("ott")!,
        cookie.match(/session_token=([^.;]+)/)![1]!,
      ]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    } finally {
      clearProviderEnv(provider);
      await provider.close();
    }
  });
});
