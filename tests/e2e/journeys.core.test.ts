/**
 * The starter's core user journeys in a real browser (Debian's Chromium)
 * against the SPA and the local backend, checking what the user sees and
 * what is stored.
 */
import { ConvexHttpClient } from "convex/browser";
import { describe, expect } from "vitest";
import { api } from "../../convex/_generated/api";
import {
  appUserByEmail,
  convexCli,
  convexToken,
  latestEmail,
  openEmailedLink,
  newUser,
  signInInBrowser,
  textOf,
  signUpInBrowser,
  submitSignUp,
} from "./support/app";
import { expectOnlyNewPasswordWorks, useTestApp } from "./support/journey";

const { journey } = useTestApp();

describe("core journeys in the browser", () => {
  journey(
    "1. sign up, open the emailed link: the dashboard shows the app users row, without a reload",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await submitSignUp(page, user);
      expect(await page.getByTestId("sign-up-sent").textContent()).toContain(
        user.email,
      );
      const email = await latestEmail(app, user.email);
      expect(email.subject).toBe("Verify your email address");
      // Rendered by the mailer action as the real CLI bundled it (React
      // Email's edge build, picked by the "convex" export condition).
      await expect
        .poll(async () => (await latestEmail(app, user.email)).text ?? "")
        .toContain(email.link);

      await page.goto(email.link);
      await page.evaluate(
        () => ((window as unknown as { marker: number }).marker = 42),
      );
      // Opening the link spends nothing: the click does.
      await page.getByRole("button", { name: "Verify email address" }).click();
      await expect.poll(textOf(page, "me-role")).toBe("user");
      expect(await page.getByTestId("me-email").textContent()).toBe(user.email);
      expect(await page.getByTestId("me-verified").textContent()).toBe("yes");
      // Same document since the link opened: no reload happened.
      expect(
        await page.evaluate(
          () => (window as unknown as { marker?: number }).marker,
        ),
      ).toBe(42);
      expect(new URL(page.url()).pathname).toBe("/");

      const row = await appUserByEmail(app, user.email);
      expect(row).toMatchObject({
        name: user.name,
        role: "user",
        emailVerified: true,
      });
    },
  );

  journey(
    "2. sign out, sign in again; a wrong password shows an error; the sign-in's answer carries the JWT: no token request before the data",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();

      await signInInBrowser(page, {
        email: user.email,
        password: "not my password",
      });
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe(
          "Wrong email or password. Just signed up? Open the link we emailed you first.",
        );

      const authRequests: string[] = [];
      page.on("request", (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith("/api/auth/")) authRequests.push(pathname);
      });
      await page.getByLabel("Password", { exact: true }).fill(user.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect.poll(textOf(page, "me-email")).toBe(user.email);
      expect(authRequests[0]).toBe("/api/auth/sign-in/email");
      expect(authRequests).not.toContain("/api/auth/convex/token");
    },
  );

  journey(
    "3. the session survives a reload; signing out in one tab signs the other out",
    async ({ app, newContext }) => {
      const context = await newContext();
      const tab1 = await context.newPage();
      const user = newUser();
      await signUpInBrowser(app, tab1, user);
      await tab1.reload();
      await expect.poll(textOf(tab1, "me-email")).toBe(user.email);

      const tab2 = await context.newPage();
      await tab2.goto("/");
      await tab2.getByTestId("me-email").waitFor();
      await tab1.getByRole("button", { name: "Sign out" }).click();
      // The other tab loses the user's data and ends up signed out.
      await tab2.getByRole("heading", { name: "Sign in" }).waitFor();
      expect(await tab2.getByTestId("me-email").count()).toBe(0);
    },
  );

  journey(
    "4. forgot password: the emailed link sets a new password",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await page.getByRole("button", { name: "Sign out" }).click();

      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.getByLabel("Email").fill(user.email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await page.getByText("If an account exists").waitFor();

      const email = await latestEmail(app, user.email);
      expect(email.subject).toBe("Reset your password");
      await page.goto(email.link);
      await page.getByLabel("New password").fill("a brand new password");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.getByText("Your password has been changed.").waitFor();

      await expectOnlyNewPasswordWorks(page, user, "a brand new password");
    },
  );

  journey(
    "5. sign-up looks the same for a taken email; signing in unverified answers as a wrong password and sends a new link, which verifies and signs in",
    async ({ app, newContext }) => {
      const owner = newUser();
      await signUpInBrowser(app, await (await newContext()).newPage(), owner);

      // Someone else tries the owner's email: the same answer as anyone gets.
      const page = await (await newContext()).newPage();
      await submitSignUp(page, { ...newUser(), email: owner.email });
      expect((await latestEmail(app, owner.email)).subject).toBe(
        "You already have an account",
      );

      // A user who never opened their link and signs in is sent a new one,
      // with the answer a wrong password gets (else signing up a free
      // address and then signing in would tell it from a taken one).
      const pending = newUser();
      await submitSignUp(page, pending);
      await signInInBrowser(page, pending);
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe(
          "Wrong email or password. Just signed up? Open the link we emailed you first.",
        );
      expect((await appUserByEmail(app, pending.email))?.emailVerified).toBe(
        false,
      );

      await openEmailedLink(page, (await latestEmail(app, pending.email)).link);
      await expect.poll(textOf(page, "me-verified")).toBe("yes");
      expect((await appUserByEmail(app, pending.email))?.emailVerified).toBe(
        true,
      );
    },
  );

  journey(
    "6. an admin bootstrapped with the CLI sees the admin page; a normal user is refused",
    async ({ app, newContext }) => {
      const admin = newUser("admin");
      const cli = await convexCli(app, [
        "run",
        "adminSetup:createAdminUser",
        JSON.stringify(admin),
      ]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({
        email: admin.email,
        created: true,
        promoted: true,
      });

      const adminPage = await (await newContext()).newPage();
      await signInInBrowser(adminPage, admin);
      await expect.poll(textOf(adminPage, "me-role")).toBe("admin");
      await adminPage.getByRole("link", { name: "Admin" }).click();
      await adminPage.getByRole("heading", { name: "Users" }).waitFor();
      await adminPage.getByRole("link", { name: admin.email }).waitFor();

      const plain = newUser();
      const plainPage = await (await newContext()).newPage();
      await signUpInBrowser(app, plainPage, plain);
      expect(await plainPage.getByRole("link", { name: "Admin" }).count()).toBe(
        0,
      );
      await plainPage.goto("/admin");
      await expect
        .poll(() => plainPage.getByRole("alert").textContent())
        .toBe("Only admins can see this page.");

      // And the server refuses the admin functions to them.
      const token = await convexToken(app, plain);
      const client = new ConvexHttpClient(app.backend.cloudUrl);
      client.setAuth(token);
      expect(await client.query(api.users.me, {})).toMatchObject({
        email: plain.email,
        role: "user",
      });
      await expect(
        client.query(api.admin.listUsers, {
          paginationOpts: { numItems: 5, cursor: null },
        }),
      ).rejects.toThrow(/Only admins/);
    },
  );

  journey(
    "7. live data: a note appears in the same user's other tab, never in another user's",
    async ({ app, newContext }) => {
      const alice = newUser("alice");
      const aliceContext = await newContext();
      const tab1 = await aliceContext.newPage();
      await signUpInBrowser(app, tab1, alice);
      const tab2 = await aliceContext.newPage();
      await tab2.goto("/");
      await tab2.getByText("No notes yet.").waitFor();

      const bobPage = await (await newContext()).newPage();
      await signUpInBrowser(app, bobPage, newUser("bob"));
      await bobPage.getByText("No notes yet.").waitFor();

      await tab1.getByLabel("Note").fill("Buy oat milk");
      await tab1.getByRole("button", { name: "Add note" }).click();
      await tab2.getByText("Buy oat milk").waitFor();
      // Bob's page has seen later updates (his own note) but never Alice's.
      await bobPage.getByLabel("Note").fill("Bob's note");
      await bobPage.getByRole("button", { name: "Add note" }).click();
      await bobPage.getByText("Bob's note").waitFor();
      expect(await bobPage.getByText("Buy oat milk").count()).toBe(0);
    },
  );

  journey(
    "8. a reload while signed in reuses the stored session and token: no token request before the data, one WebSocket, the one opened while the page loaded",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);

      const authRequests: string[] = [];
      page.on("request", (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith("/api/auth/")) authRequests.push(pathname);
      });
      const sockets: string[] = [];
      page.on("websocket", (socket) => sockets.push(socket.url()));
      await page.reload();
      await expect.poll(textOf(page, "me-email")).toBe(user.email);
      expect(authRequests).not.toContain("/api/auth/convex/token");
      // public/early-socket.js opened it while the page loaded; the Convex
      // client adopted it rather than opening its own.
      expect(sockets).toHaveLength(1);
      expect(sockets[0]).toMatch(/\/api\/[\d.]+\/sync$/);
      expect(await page.evaluate(() => "earlyConvexSocket" in window)).toBe(
        false,
      );
    },
  );

  journey(
    "9. the theme follows the system, the header toggle is remembered, and it is set before the app's script runs",
    async ({ app }) => {
      const context = await app.browser.newContext({
        baseURL: app.url,
        colorScheme: "dark",
      });
      try {
        // Whether <html> is dark once the document is parsed, before the
        // app's module script: what the first paint shows.
        await context.addInitScript(() =>
          document.addEventListener("readystatechange", () => {
            if (document.readyState === "interactive")
              (window as unknown as { darkAtParse: boolean }).darkAtParse =
                document.documentElement.classList.contains("dark");
          }),
        );
        const darkAtParse = () =>
          page.evaluate(
            () => (window as unknown as { darkAtParse?: boolean }).darkAtParse,
          );
        const isDark = () =>
          page.evaluate(() =>
            document.documentElement.classList.contains("dark"),
          );
        const page = await context.newPage();
        await page.goto("/sign-in");
        expect(await darkAtParse()).toBe(true);

        await page
          .getByRole("button", { name: "Switch to light theme" })
          .click();
        expect(await isDark()).toBe(false);
        await page.reload();
        await page
          .getByRole("button", { name: "Switch to dark theme" })
          .waitFor();
        expect(await darkAtParse()).toBe(false);
        expect(await isDark()).toBe(false);
      } finally {
        await context.close();
      }
    },
  );

  journey(
    "10. a stranger signed up with my address: opening the link elsewhere asks, and going on without it removes their password",
    async ({ app, newContext }) => {
      const stranger = await (await newContext()).newPage();
      const owner = newUser("owner");
      await submitSignUp(stranger, {
        ...owner,
        password: "the strangers password",
      });
      const link = (await latestEmail(app, owner.email)).link;

      // The owner's own browser, which never signed up.
      const page = await (await newContext()).newPage();
      await openEmailedLink(page, link);
      await page
        .getByRole("heading", { name: "Confirm your account" })
        .waitFor();
      await page
        .getByLabel("The password you chose")
        .fill("a wrong guess at it");
      await page.getByRole("button", { name: "Keep this password" }).click();
      await expect
        .poll(() => page.getByRole("alert").textContent())
        .toBe(
          "That isn't the password this account was created with. Try again, or continue without it.",
        );
      await page
        .getByRole("button", { name: "Continue without a password" })
        .click();
      await expect.poll(textOf(page, "me-email")).toBe(owner.email);
      expect((await latestEmail(app, owner.email)).subject).toBe(
        "Your email address is confirmed",
      );

      // The stranger's password no longer signs in.
      await signInInBrowser(stranger, {
        email: owner.email,
        password: "the strangers password",
      });
      await expect
        .poll(() => stranger.getByRole("alert").textContent())
        .toBe(
          "Wrong email or password. Just signed up? Open the link we emailed you first.",
        );
    },
  );

  journey(
    "11. someone floods my address with wrong passwords: my browser still signs me in, a new one is told to wait",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const user = newUser();
      await signUpInBrowser(app, page, user);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();

      // A guesser without this browser's device token, over HTTP.
      for (let i = 0; i < 12; i++) {
        await fetch(`${app.backend.siteUrl}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: app.url },
          body: JSON.stringify({ email: user.email, password: `guess ${i}!!` }),
        });
      }

      const elsewhere = await (await newContext()).newPage();
      await signInInBrowser(elsewhere, user);
      await expect
        .poll(() => elsewhere.getByRole("alert").textContent())
        .toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);

      await signInInBrowser(page, user);
      await expect.poll(textOf(page, "me-email")).toBe(user.email);
    },
  );
});
