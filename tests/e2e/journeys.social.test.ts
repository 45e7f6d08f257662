/**
 * Social sign-in in a real browser: the SPA starts the flow on the Convex
 * site URL, a real OpenID Connect provider on loopback
 * (scripts/devOAuthProvider.ts) redirects to `/api/auth/callback/dev`, the
 * cross-domain plugin sends the browser back with `?ott=`, and the provider
 * component exchanges it for the session. The policy behind these journeys
 * is tested without a browser in tests/socialSignIn.test.ts.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { components } from "../../convex/_generated/api";
import {
  startDevOAuthProvider,
  type DevOAuthProvider,
} from "../../scripts/devOAuthProvider";
import { authRows, storedIdentifier } from "../support/backend";
import { expectUsersInSync } from "../support/invariant";
import { newIdentity } from "../support/oauth";
import {
  appUserByEmail,
  latestEmail,
  newUser,
  signInInBrowser,
  signUpInBrowser,
  textOf,
  type TestApp,
} from "./support/app";
import { useTestApp } from "./support/journey";

let provider: DevOAuthProvider;
beforeAll(async () => {
  provider = await startDevOAuthProvider();
});
afterAll(async () => await provider?.close());
// Registered after the provider's hook, so its variables exist by then.
const { journey } = useTestApp({ env: () => provider.env });

/** The local backend's data, through convex-test (the app's own schema). */
const dataOf = (app: TestApp) => app.backend;

async function rowCounts(app: TestApp) {
  const t = dataOf(app);
  return {
    users: (await authRows(t, "user")).length,
    accounts: (await authRows(t, "account")).length,
    sessions: (await authRows(t, "session")).length,
  };
}

async function accountsOf(app: TestApp, email: string) {
  const t = dataOf(app);
  const user = (await authRows(t, "user")).find((u) => u.email === email);
  const accounts = await authRows<{ userId: string; providerId: string }>(
    t,
    "account",
  );
  return accounts
    .filter((a) => a.userId === user?._id)
    .map((a) => a.providerId)
    .sort();
}

async function continueWithDev(page: Page) {
  await page.goto("/");
  await page
    .getByRole("button", { name: "Continue with Dev provider" })
    .click();
}

/**
 * Starts a sign-in with the provider in a new page of `context` and stops
 * it at the provider's redirect back: returns that page and the callback URL
 * on the Convex site, unvisited (what an attacker would send to a victim).
 * The browser can't route a redirect's target, so the provider's answer is
 * fetched here and the browser's request goes no further.
 */
async function providerRedirectOf(
  context: BrowserContext,
): Promise<{ page: Page; callback: string }> {
  const held: string[] = [];
  await context.route(
    (url) => url.href.startsWith(`${provider.issuer}/authorize`),
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      held.push(response.headers()["location"]!);
      await route.abort();
    },
  );
  const page = await context.newPage();
  await continueWithDev(page);
  await expect.poll(() => held.length).toBe(1);
  await context.unrouteAll();
  return { page, callback: held[0]! };
}

/**
 * A sign-in in `context` completed up to the SPA's URL with the one-time
 * token, unvisited: the token is issued but not exchanged.
 */
async function heldOneTimeTokenUrl(
  context: BrowserContext,
): Promise<{ page: Page; url: string }> {
  const { page, callback } = await providerRedirectOf(context);
  const back = await context.request.get(callback, { maxRedirects: 0 });
  const url = back.headers()["location"]!;
  expect(new URL(url).searchParams.has("ott")).toBe(true);
  return { page, url };
}

const NOT_STARTED_HERE =
  "That sign-in link wasn't started from this browser, so it was ignored. Sign in again.";

/** The session token this browser stores, or null (signed out). */
async function storedSessionOf(page: Page): Promise<string | null> {
  return await page.evaluate(() => {
    const cookies = JSON.parse(
      localStorage.getItem("better-auth_cookie") ?? "{}",
    ) as Record<string, { value?: string }>;
    const key = Object.keys(cookies).find((k) => k.endsWith("session_token"));
    return (key && cookies[key]?.value) || null;
  });
}

/** The signed-out sign-in page, saying the link was ignored; nothing stored. */
async function expectIgnoredLink(page: Page) {
  const alert = page.getByRole("alert");
  const signedIn = page.getByTestId("me-email");
  await alert.or(signedIn).first().waitFor({ timeout: 15_000 });
  expect(await signedIn.allTextContents(), "signed in as").toEqual([]);
  expect(await alert.textContent()).toBe(NOT_STARTED_HERE);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  expect(new URL(page.url()).searchParams.has("ott")).toBe(false);
  expect(await storedSessionOf(page)).toBeNull();
}

/** How many "new sign-in" notices went to `email`. */
async function newSignInNotices(app: TestApp, email: string): Promise<number> {
  const mails = await dataOf(app).run(
    async (ctx) =>
      await ctx.db
        .query("devMailbox")
        .withIndex("by_to", (q) => q.eq("to", email))
        .collect(),
  );
  return mails.filter((mail) => mail.template === "newSignIn").length;
}

/** "sent <path>" / "done <path>" of auth requests, and the SPA navigations. */
function recordAuthRequests(context: BrowserContext): string[] {
  const events: string[] = [];
  const path = (url: string) =>
    new URL(url).pathname.replace(/^\/api\/auth/, "");
  context.on("request", (request) => {
    if (request.url().includes("/api/auth/")) {
      events.push(`sent ${path(request.url())}`);
    } else if (request.isNavigationRequest()) {
      events.push(`navigate ${request.url()}`);
    }
  });
  context.on("requestfinished", (request) => {
    if (request.url().includes("/api/auth/")) {
      events.push(`done ${path(request.url())}`);
    }
  });
  return events;
}

describe("social sign-in in the browser", () => {
  journey(
    "1 and 2. a new user signs in with the provider, lands on the dashboard with an app row from the ID token; signing in again makes no second user",
    async ({ app, newContext }) => {
      const who = newIdentity();
      provider.signInAs(who);
      const context = await newContext();
      const events = recordAuthRequests(context);
      const page = await context.newPage();
      await continueWithDev(page);
      await expect
        .poll(textOf(page, "me-email"), { timeout: 15_000 })
        .toBe(who.email);
      // Back at the SPA, the token is exchanged before any other auth
      // request leaves: a session request racing it would answer "no
      // session" and make the client forget the new one.
      const back = events.findIndex((e) => /^navigate .*[?&]ott=/.test(e));
      const exchanged = events.indexOf(
        "done /cross-domain/one-time-token/verify",
      );
      expect(back).toBeGreaterThan(-1);
      expect(events.slice(back + 1, exchanged)).toEqual([
        "sent /cross-domain/one-time-token/verify",
      ]);
      expect(await page.getByTestId("me-verified").textContent()).toBe("yes");
      // The token was read and dropped from the address bar.
      expect(new URL(page.url()).search).toBe("");
      expect(await appUserByEmail(app, who.email)).toMatchObject({
        name: who.name,
        emailVerified: true,
        image: who.picture,
        role: "user",
      });
      expect(await accountsOf(app, who.email)).toEqual(["dev"]);

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      const before = await rowCounts(app);
      await continueWithDev(page);
      await expect.poll(textOf(page, "me-email")).toBe(who.email);
      // No second user or account (sessions come and go with sign-out).
      const after = await rowCounts(app);
      expect([after.users, after.accounts]).toEqual([
        before.users,
        before.accounts,
      ]);
      expect(await accountsOf(app, who.email)).toEqual(["dev"]);
      await expectUsersInSync(dataOf(app));
    },
  );

  journey(
    "a sign-in with the provider from a new browser emails the owner a notice; the same browser again doesn't",
    async ({ app, newContext }) => {
      const who = newIdentity();
      provider.signInAs(who);
      const first = await (await newContext()).newPage();
      await continueWithDev(first);
      await expect
        .poll(textOf(first, "me-email"), { timeout: 15_000 })
        .toBe(who.email);
      // Minutes after sign-up no notice goes out (convex/securityNotices.ts):
      // the account is made older than that.
      await dataOf(app).run(async (ctx) => {
        await ctx.runMutation(components.betterAuth.adapter.updateOne, {
          input: {
            model: "user",
            where: [{ field: "email", value: who.email }],
            update: { createdAt: Date.now() - 11 * 60 * 1000 },
          },
        });
      });
      expect(await newSignInNotices(app, who.email)).toBe(0);

      const second = await (await newContext()).newPage();
      await continueWithDev(second);
      await expect
        .poll(textOf(second, "me-email"), { timeout: 15_000 })
        .toBe(who.email);
      await expect.poll(() => newSignInNotices(app, who.email)).toBe(1);
      const notice = await latestEmail(app, who.email);
      expect(notice.subject).toBe("New sign-in to your account");

      // That browser is known now: signing in there again sends nothing.
      await second.getByRole("button", { name: "Sign out" }).click();
      await second.getByRole("heading", { name: "Sign in" }).waitFor();
      await continueWithDev(second);
      await expect.poll(textOf(second, "me-email")).toBe(who.email);
      expect(await newSignInNotices(app, who.email)).toBe(1);
    },
  );

  journey(
    "3. the user cancels at the provider: the sign-in page says so and nothing is written",
    async ({ app, newContext }) => {
      provider.signInAs(newIdentity());
      provider.service.once("beforeAuthorizeRedirect", ({ url }) => {
        url.searchParams.delete("code");
        url.searchParams.set("error", "access_denied");
      });
      const before = await rowCounts(app);
      const page = await (await newContext()).newPage();
      await continueWithDev(page);
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe("Sign-in was cancelled at the provider. Nothing was changed.");
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      expect(await rowCounts(app)).toEqual(before);
    },
  );

  journey(
    "4. a password account and the same verified email at the provider: linked to the same user; an unverified email is refused without saying whether it is registered",
    async ({ app, newContext }) => {
      const user = newUser("linked");
      const page = await (await newContext()).newPage();
      await signUpInBrowser(app, page, user);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();

      provider.signInAs(
        newIdentity({ email: user.email, emailVerified: false }),
      );
      const before = await rowCounts(app);
      await continueWithDev(page);
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toContain("We couldn't sign you in with that account.");
      expect(await rowCounts(app)).toEqual(before);

      provider.signInAs(newIdentity({ email: user.email }));
      await continueWithDev(page);
      await expect.poll(textOf(page, "me-email")).toBe(user.email);
      expect(await accountsOf(app, user.email)).toEqual(["credential", "dev"]);
      expect(await appUserByEmail(app, user.email)).toMatchObject({
        name: user.name,
      });
      expect((await rowCounts(app)).users).toBe(before.users);
    },
  );

  journey(
    "5. Settings lists the sign-in methods, connects the provider, unlinks the password, and keeps the last method",
    async ({ app, newContext }) => {
      const user = newUser("methods");
      const page = await (await newContext()).newPage();
      await signUpInBrowser(app, page, user);
      await page.getByRole("link", { name: "Settings", exact: true }).click();
      await page.getByRole("link", { name: "Sign-in & security" }).click();
      const methods = page.getByRole("list", { name: "Sign-in methods" });
      await expect.poll(() => methods.textContent()).toContain("Password");
      expect(
        await page
          .getByRole("button", { name: "Unlink Password" })
          .isDisabled(),
      ).toBe(true);

      provider.signInAs(newIdentity({ email: user.email }));
      await page.getByRole("button", { name: "Connect Dev provider" }).click();
      await page.waitForURL((url) => url.pathname === "/settings");
      await expect
        .poll(() => methods.textContent(), { timeout: 15_000 })
        .toContain("Dev provider");
      // Back in the section it started from; the return URL's nonce was
      // taken from the address bar.
      expect(new URL(page.url()).search).toBe("?section=security");
      expect(await accountsOf(app, user.email)).toEqual(["credential", "dev"]);

      await page.getByRole("button", { name: "Unlink Password" }).click();
      await page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Unlink Password" })
        .click();
      await expect.poll(() => methods.textContent()).not.toContain("Password");
      expect(await accountsOf(app, user.email)).toEqual(["dev"]);
      expect(
        await page
          .getByRole("button", { name: "Unlink Dev provider" })
          .isDisabled(),
      ).toBe(true);
    },
  );

  journey(
    "6. an expired one-time token is refused: the signed-out view with a message",
    async ({ app, newContext }) => {
      // The browser never gets back to the SPA; the token then passes its
      // expiry before it is used, in the browser that started the flow.
      provider.signInAs(newIdentity());
      const { page, url } = await heldOneTimeTokenUrl(await newContext());
      const token = new URL(url).searchParams.get("ott")!;
      await dataOf(app).run(async (ctx) => {
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
      await page.goto(url);
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe(
          "That sign-in link has expired or was already used. Sign in again.",
        );
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
    },
  );

  journey(
    "7. login CSRF: the provider's redirect of a flow started in another browser signs nobody in, and the sign-in page says why",
    async ({ newContext }) => {
      const attacker = newIdentity();
      provider.signInAs(attacker);
      const { callback } = await providerRedirectOf(await newContext());

      const victim = await newContext();
      const events = recordAuthRequests(victim);
      const page = await victim.newPage();
      // The callback itself succeeds (the state is in the database, and the
      // cross-domain plugin skips the state cookie); the SPA refuses the
      // one-time token it brings back.
      await page.goto(callback);
      await expectIgnoredLink(page);
      expect(events).not.toContain("sent /cross-domain/one-time-token/verify");
    },
  );

  journey(
    "8. a ?ott= link for someone else's session signs nobody in, signed out or signed in; the browser that started the flow still can",
    async ({ newContext }) => {
      const attacker = newIdentity();
      provider.signInAs(attacker);
      const started = await heldOneTimeTokenUrl(await newContext());
      const token = new URL(started.url).searchParams.get("ott")!;

      // A plain link with the token, in a fresh browser.
      const fresh = await newContext();
      const freshEvents = recordAuthRequests(fresh);
      const freshPage = await fresh.newPage();
      await freshPage.goto(`/?ott=${token}`);
      await expectIgnoredLink(freshPage);
      // The URL exactly as the attacker's browser got it, nonce and all.
      await freshPage.goto(started.url);
      await expectIgnoredLink(freshPage);
      expect(freshEvents).not.toContain(
        "sent /cross-domain/one-time-token/verify",
      );

      // Someone signed in opens it: they stay themselves.
      const victim = newIdentity();
      provider.signInAs(victim);
      const signedIn = await (await newContext()).newPage();
      await continueWithDev(signedIn);
      await expect.poll(textOf(signedIn, "me-email")).toBe(victim.email);
      const ownSession = await storedSessionOf(signedIn);
      await signedIn.goto(started.url);
      await signedIn.getByTestId("me-email").waitFor();
      expect(new URL(signedIn.url()).searchParams.has("ott")).toBe(false);

      // Nobody spent the token: the browser that started the flow signs in.
      await started.page.goto(started.url);
      await expect
        .poll(textOf(started.page, "me-email"), { timeout: 15_000 })
        .toBe(attacker.email);
      expect(await textOf(signedIn, "me-email")()).toBe(victim.email);
      expect(await storedSessionOf(signedIn)).toBe(ownSession);
    },
  );

  journey(
    "9. started from a link to a signed-in page, a sign-in with the provider returns to that page",
    async ({ newContext }) => {
      const who = newIdentity();
      provider.signInAs(who);
      const page = await (await newContext()).newPage();
      await page.goto("/settings");
      await page
        .getByRole("button", { name: "Continue with Dev provider" })
        .click();
      await page
        .getByRole("heading", { name: "Account settings" })
        .waitFor({ timeout: 15_000 });
      const landed = new URL(page.url());
      expect(landed.pathname).toBe("/settings");
      // The one-time token and the nonce were taken out of the address bar.
      expect(landed.search).toBe("");
    },
  );

  journey(
    "10. an account with only the provider: Settings offers to set a password by an emailed link, which then signs in; two-factor waits for it; deleting asks for no password",
    async ({ app, newContext }) => {
      const who = newIdentity();
      provider.signInAs(who);
      const page = await (await newContext()).newPage();
      await continueWithDev(page);
      await expect.poll(textOf(page, "me-email")).toBe(who.email);
      await page.getByRole("link", { name: "Settings", exact: true }).click();
      await page.getByRole("link", { name: "Sign-in & security" }).click();

      const twoFactor = page.getByRole("region", {
        name: "Two-factor authentication",
      });
      await twoFactor.getByText("Set a password above first.").waitFor();
      expect(await twoFactor.getByLabel("Password").count()).toBe(0);
      const password = page.getByRole("region", { name: "Password" });
      await password.getByText("you sign in with Dev provider").waitFor();
      expect(await password.getByLabel("Current password").count()).toBe(0);
      await password.getByRole("button", { name: "Set a password" }).click();
      await password
        .getByText(`Open the link we sent to ${who.email}`)
        .waitFor();

      const mail = await latestEmail(app, who.email);
      expect(mail.subject).toBe("Reset your password");
      await page.goto(mail.link);
      await page.getByLabel("New password").fill("my chosen password");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.getByText("Your password has been changed.").waitFor();
      expect(await accountsOf(app, who.email)).toEqual(["credential", "dev"]);

      // Setting it signed every session out; the password signs in now.
      await signInInBrowser(
        page,
        { email: who.email, password: "my chosen password" },
        "/sign-in",
      );
      await expect.poll(textOf(page, "me-email")).toBe(who.email);

      // Unlinked again, the provider is all there is: delete needs no password.
      await page.getByRole("link", { name: "Settings", exact: true }).click();
      await page.getByRole("link", { name: "Sign-in & security" }).click();
      await page.getByRole("button", { name: "Unlink Password" }).click();
      await page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Unlink Password" })
        .click();
      await expect.poll(() => accountsOf(app, who.email)).toEqual(["dev"]);
      await page.getByRole("link", { name: "Danger zone" }).click();
      await page.getByRole("button", { name: "Delete my account" }).waitFor();
      expect(await page.getByLabel("Password to confirm").count()).toBe(0);
      await page.getByRole("button", { name: "Delete my account" }).click();
      await page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Delete account" })
        .click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      expect(await appUserByEmail(app, who.email)).toBeNull();
    },
    90_000,
  );
});
