/**
 * Social sign-in through the real routes and a real OpenID Connect provider
 * on loopback (scripts/devOAuthProvider.ts): the flow, the linking policy,
 * errors that write nothing, the one-time token, and when the dev provider
 * may run at all. The same journeys in Chromium: tests/e2e/journeys.social.test.ts.
 */
import { describe, expect, test } from "vitest";
import { api, components } from "../convex/_generated/api";
import { configProblems } from "../convex/configCheck";
import { refuseUnverifiedUser } from "../convex/socialSignIn";
import {
  appUsers,
  asSession,
  authFetch,
  authRows,
  makeBackend,
  newUser,
  setTestEnv,
  signIn,
  signUp,
  SITE_URL,
  storedIdentifier,
  type Backend,
} from "./support/backend";
import { expectUsersInSync } from "./support/invariant";
import {
  authorize,
  callback,
  exchangeOneTimeToken,
  newIdentity,
  sessionCookieFrom,
  signInWithDev,
  startFlow,
  useDevProvider,
} from "./support/oauth";

const SITE = "http://127.0.0.1:3211"; // CONVEX_SITE_URL in the tests
const provider = useDevProvider();

type AccountRow = { userId: string; providerId: string; accountId: string };

/** Rows sign-ins write; a refused sign-in must leave them as they were. */
async function writtenRows(t: Backend) {
  return {
    users: (await authRows(t, "user")).length,
    accounts: (await authRows(t, "account")).length,
    sessions: (await authRows(t, "session")).length,
    appUsers: (await appUsers(t)).length,
  };
}

describe("the dev provider's round trip", () => {
  test("a new user: PKCE to the provider, callback on the site URL, one-time token to the SPA, app row from the ID token", async () => {
    const t = makeBackend();
    const who = newIdentity();
    provider().signInAs(who);
    const authorizeUrl = await startFlow(t);
    expect(authorizeUrl.origin).toBe(provider().issuer);
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(
      `${SITE}/api/auth/callback/dev`,
    );
    expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizeUrl.searchParams.get("scope")).toBe("openid email profile");

    const callbackUrl = await authorize(authorizeUrl);
    expect(callbackUrl.origin + callbackUrl.pathname).toBe(
      `${SITE}/api/auth/callback/dev`,
    );
    const landing = await callback(t, callbackUrl);
    expect(landing.origin + landing.pathname).toBe(`${SITE_URL}/`);
    const cookie = await sessionCookieFrom(t, landing);

    const session = await authFetch(t, "/get-session", { cookie });
    const { user } = (await session.json()) as { user: { id: string } };
    const [row] = await appUsers(t);
    expect(row).toMatchObject({
      authId: user.id,
      email: who.email,
      name: who.name,
      emailVerified: true,
      image: who.picture,
      role: "user",
    });
    const accounts = await authRows<AccountRow>(t, "account");
    expect(accounts).toMatchObject([
      { userId: user.id, providerId: "dev", accountId: who.sub },
    ]);
    expect(await writtenRows(t)).toMatchObject({ users: 1, appUsers: 1 });
  });

  test("signing in again finds the same user", async () => {
    const t = makeBackend();
    provider().signInAs(newIdentity());
    await sessionCookieFrom(t, await signInWithDev(t));
    const first = await authRows(t, "user");
    await sessionCookieFrom(t, await signInWithDev(t));
    expect(await authRows(t, "user")).toEqual(first);
    expect(await authRows(t, "account")).toHaveLength(1);
    expect(await authRows(t, "session")).toHaveLength(2);
    await expectUsersInSync(t);
  });

  test("a cancelled sign-in or a provider error comes back to the SPA as ?error= and writes nothing", async () => {
    const t = makeBackend();
    provider().signInAs(newIdentity());
    provider().service.once("beforeAuthorizeRedirect", ({ url }) => {
      url.searchParams.delete("code");
      url.searchParams.set("error", "access_denied");
    });
    const cancelled = await signInWithDev(t);
    expect(cancelled.origin + cancelled.pathname).toBe(`${SITE_URL}/sign-in`);
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
    expect(cancelled.searchParams.has("ott")).toBe(false);

    provider().service.once("beforeResponse", (response) => {
      response.statusCode = 400;
      response.body = { error: "invalid_grant" };
    });
    const failed = await signInWithDev(t);
    expect(failed.searchParams.get("error")).toBe("invalid_code");
    expect(await writtenRows(t)).toEqual({
      users: 0,
      accounts: 0,
      sessions: 0,
      appUsers: 0,
    });
  });

  test("a disabled user gets ACCOUNT_DISABLED back at the SPA and no session", async () => {
    const t = makeBackend();
    const who = newIdentity();
    provider().signInAs(who);
    await sessionCookieFrom(t, await signInWithDev(t));
    await t.run(async (ctx) => {
      const row = await ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", who.email))
        .unique();
      await ctx.db.patch("users", row!._id, { disabled: true });
    });
    const sessions = (await authRows(t, "session")).length;
    const landing = await signInWithDev(t);
    expect(landing.searchParams.get("error")).toBe("ACCOUNT_DISABLED");
    expect(landing.searchParams.has("ott")).toBe(false);
    expect(await authRows(t, "session")).toHaveLength(sessions);
  });

  test("a callback without a valid state goes to the SPA's sign-in page, not Better Auth's", async () => {
    const t = makeBackend();
    const landing = await callback(
      t,
      new URL(`${SITE}/api/auth/callback/dev?code=x&state=forged`),
    );
    expect(landing.origin + landing.pathname).toBe(`${SITE_URL}/sign-in`);
    expect(landing.searchParams.get("error")).toBeTruthy();
  });

  test("the provider refuses a code redeemed without PKCE, or twice", async () => {
    const t = makeBackend();
    provider().signInAs(newIdentity());
    const callbackUrl = await authorize(await startFlow(t));
    const code = callbackUrl.searchParams.get("code")!;
    const redeem = (extra: Record<string, string>) =>
      fetch(`${provider().issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: `${SITE}/api/auth/callback/dev`,
          client_id: provider().env.DEV_OAUTH_CLIENT_ID,
          client_secret: provider().env.DEV_OAUTH_CLIENT_SECRET,
          ...extra,
        }),
      });
    expect((await redeem({})).status).toBe(400);
    // The code is spent: the real callback can't use it either.
    const landing = await callback(t, callbackUrl);
    expect(landing.searchParams.get("error")).toBe("invalid_code");
    expect(await writtenRows(t)).toMatchObject({ users: 0, sessions: 0 });
  });
});

describe("the one-time token", () => {
  test("works once", async () => {
    const t = makeBackend();
    provider().signInAs(newIdentity());
    const landing = await signInWithDev(t);
    const token = landing.searchParams.get("ott")!;
    expect((await exchangeOneTimeToken(t, token)).status).toBe(200);
    const replay = await exchangeOneTimeToken(t, token);
    expect(replay.status).toBe(400);
    expect(replay.headers.getSetCookie()).toEqual([]);
  });

  test("is refused once expired", async () => {
    const t = makeBackend();
    provider().signInAs(newIdentity());
    const token = (await signInWithDev(t)).searchParams.get("ott")!;
    await t.run(async (ctx) => {
      await ctx.runMutation(components.betterAuth.adapter.updateOne, {
        input: {
          model: "verification",
          where: [
            {
              field: "identifier",
              value: await storedIdentifier(`one-time-token:${token}`),
            },
          ],
          update: { expiresAt: Date.now() - 1000 },
        },
      });
    });
    const expired = await exchangeOneTimeToken(t, token);
    expect(expired.status).toBe(400);
    expect(expired.headers.getSetCookie()).toEqual([]);
  });
});

describe("linking policy", () => {
  test("a verified password account and the same verified email at the provider: linked, one user, profile kept", async () => {
    const t = makeBackend();
    const person = newUser("linked");
    await signUp(t, person);
    provider().signInAs(newIdentity({ email: person.email, name: "Other" }));
    const cookie = await sessionCookieFrom(t, await signInWithDev(t));
    const session = await authFetch(t, "/get-session", { cookie });
    const { user } = (await session.json()) as {
      user: { email: string; name: string };
    };
    expect(user).toMatchObject({ email: person.email, name: person.name });
    const accounts = await authRows<AccountRow>(t, "account");
    expect(accounts.map((a) => a.providerId).sort()).toEqual([
      "credential",
      "dev",
    ]);
    expect(await authRows(t, "user")).toHaveLength(1);
    expect((await signIn(t, person)).status).toBe(200);
    await expectUsersInSync(t);
  });

  test("an account whose email was never verified is not linked: account_not_linked, nothing written", async () => {
    const t = makeBackend();
    const person = newUser("unverified");
    expect(
      (await authFetch(t, "/sign-up/email", { body: person })).status,
    ).toBe(200);
    const before = await writtenRows(t);
    provider().signInAs(newIdentity({ email: person.email }));
    const landing = await signInWithDev(t);
    expect(landing.searchParams.get("error")).toBe("account_not_linked");
    expect(await writtenRows(t)).toEqual(before);
  });

  test("an email the provider hasn't verified gets the same refusal whether or not it is registered, and writes nothing", async () => {
    const t = makeBackend();
    const person = newUser("registered");
    await signUp(t, person);
    const before = await writtenRows(t);
    const answers: string[] = [];
    for (const email of [person.email, newUser("free").email]) {
      provider().signInAs(newIdentity({ email, emailVerified: false }));
      answers.push((await signInWithDev(t)).search);
    }
    expect(answers[0]).toBe("?error=account_not_linked");
    expect(answers[1]).toBe(answers[0]);
    expect(await writtenRows(t)).toEqual(before);
  });

  test("Settings links a provider with the same email and unlinks one, never the last", async () => {
    const t = makeBackend();
    const person = newUser("settings");
    const { cookie } = await signUp(t, person);
    provider().signInAs(newIdentity({ email: person.email }));
    const linkUrl = await startFlow(t, { cookie, link: true });
    const landing = await callback(t, await authorize(linkUrl));
    expect(landing.toString()).toBe(`${SITE_URL}/settings`);
    const session = (await (
      await authFetch(t, "/get-session", { cookie })
    ).json()) as { user: { id: string } };
    const accounts = (await authRows<AccountRow>(t, "account")).filter(
      (account) => account.userId === session.user.id,
    );
    expect(accounts.map((a) => a.providerId).sort()).toEqual([
      "credential",
      "dev",
    ]);

    const methods = await (
      await asSession(t, { cookie })
    ).query(api.account.signInMethods, {});
    expect(methods!.map((m) => m.providerId).sort()).toEqual([
      "credential",
      "dev",
    ]);
    // What identifies an account, never its tokens; signed out, nothing.
    expect(Object.keys(methods![0]!).sort()).toEqual([
      "accountId",
      "providerId",
    ]);
    expect(await t.query(api.account.signInMethods, {})).toBeNull();

    const unlink = (providerId: string) =>
      authFetch(t, "/unlink-account", { cookie, body: { providerId } });
    expect((await unlink("credential")).status).toBe(200);
    const last = await unlink("dev");
    expect(last.status).toBe(400);
    expect(await authRows<AccountRow>(t, "account")).toMatchObject([
      { providerId: "dev" },
    ]);
    // Without a password, the provider still signs them in.
    expect((await signIn(t, person)).status).toBe(401);
    await sessionCookieFrom(t, await signInWithDev(t));
  });

  test("Settings refuses to link a provider identity with another email", async () => {
    const t = makeBackend();
    const person = newUser("mismatch");
    const { cookie } = await signUp(t, person);
    provider().signInAs(newIdentity());
    const landing = await callback(
      t,
      await authorize(await startFlow(t, { cookie, link: true })),
    );
    expect(landing.searchParams.get("error")).toBe("email_doesn't_match");
    expect(await authRows(t, "account")).toHaveLength(1);
  });
});

describe("when the dev provider runs", () => {
  test("only with all its variables, SITE_URL on loopback and the issuer on loopback", async () => {
    const t = makeBackend();
    const offered = () => t.query(api.account.socialProviders, {});
    expect(await offered()).toEqual(["dev"]);
    expect(configProblems(null)).toEqual([]);

    process.env.SITE_URL = "https://app.example.com";
    process.env.RESEND_API_KEY = "re_test";
    process.env.EMAIL_FROM = "App <noreply@example.com>";
    expect(await offered()).toEqual([]);
    const refused = await authFetch(t, "/sign-in/social", {
      body: { provider: "dev", callbackURL: "https://app.example.com/" },
    });
    expect(refused.status).toBe(404);
    expect(configProblems(null)).toMatchObject([
      {
        variable: "DEV_OAUTH_ISSUER",
        message: expect.stringContaining("only for local development"),
      },
    ]);

    setTestEnv();
    Object.assign(process.env, provider().env);
    process.env.DEV_OAUTH_ISSUER = "https://idp.example.com";
    expect(await offered()).toEqual([]);
    delete process.env.DEV_OAUTH_ISSUER;
    process.env.DEV_OAUTH_CLIENT_SECRET =
      provider().env.DEV_OAUTH_CLIENT_SECRET;
    expect(await offered()).toEqual([]);
    expect(configProblems(null)[0]?.variable).toBe("DEV_OAUTH_ISSUER");
  });

  test("its client secret is never in an answer", async () => {
    const t = makeBackend();
    const authorizeUrl = await startFlow(t);
    const secret = provider().env.DEV_OAUTH_CLIENT_SECRET;
    expect(authorizeUrl.toString()).not.toContain(secret);
    expect(JSON.stringify(configProblems(null))).not.toContain(secret);
    expect(
      JSON.stringify(await t.query(api.account.socialProviders, {})),
    ).not.toContain(secret);
  });
});

describe("GitHub and Google", () => {
  test("start at their own endpoints with the callback on the site URL and the scopes the app needs", async () => {
    const t = makeBackend();
    process.env.GITHUB_CLIENT_ID = "gh-client";
    process.env.GITHUB_CLIENT_SECRET = "gh-secret-value-123";
    process.env.GOOGLE_CLIENT_ID = "google-client";
    process.env.GOOGLE_CLIENT_SECRET = "google-secret-value-123";
    try {
      expect(await t.query(api.account.socialProviders, {})).toEqual([
        "github",
        "google",
        "dev",
      ]);
      const github = await startFlow(t, { provider: "github" });
      expect(github.origin + github.pathname).toBe(
        "https://github.com/login/oauth/authorize",
      );
      expect(github.searchParams.get("client_id")).toBe("gh-client");
      expect(github.searchParams.get("redirect_uri")).toBe(
        `${SITE}/api/auth/callback/github`,
      );
      expect(github.searchParams.get("scope")?.split(" ")).toEqual(
        expect.arrayContaining(["read:user", "user:email"]),
      );
      const google = await startFlow(t, { provider: "google" });
      expect(google.origin + google.pathname).toBe(
        "https://accounts.google.com/o/oauth2/v2/auth",
      );
      expect(google.searchParams.get("redirect_uri")).toBe(
        `${SITE}/api/auth/callback/google`,
      );
      expect(google.searchParams.get("scope")?.split(" ")).toEqual(
        expect.arrayContaining(["openid", "email", "profile"]),
      );
      expect(google.searchParams.get("code_challenge_method")).toBe("S256");
      for (const url of [github, google]) {
        expect(url.toString()).not.toContain("secret-value");
      }
    } finally {
      for (const name of [
        "GITHUB_CLIENT_ID",
        "GITHUB_CLIENT_SECRET",
        "GOOGLE_CLIENT_ID",
        "GOOGLE_CLIENT_SECRET",
      ]) {
        delete process.env[name];
      }
    }
  });

  test("a provider without credentials can't be started", async () => {
    const t = makeBackend();
    const response = await authFetch(t, "/sign-in/social", {
      body: { provider: "github", callbackURL: `${SITE_URL}/` },
    });
    expect(response.status).toBe(404);
    expect(await writtenRows(t)).toMatchObject({ users: 0 });
  });
});

describe("only the password sign-up creates an unverified user", () => {
  test("the ID-token path of /sign-in/social, callbacks and any other route must bring a verified address", () => {
    for (const path of [
      "/sign-in/social",
      "/callback/:id",
      "/oauth2/callback/:providerId",
      "/some-future-plugin/sign-in",
      undefined,
    ]) {
      expect(
        () => refuseUnverifiedUser({ emailVerified: false }, path),
        String(path),
      ).toThrow("account not linked");
      expect(() =>
        refuseUnverifiedUser({ emailVerified: true }, path),
      ).not.toThrow();
    }
    expect(() =>
      refuseUnverifiedUser({ emailVerified: false }, "/sign-up/email"),
    ).not.toThrow();
  });
});
