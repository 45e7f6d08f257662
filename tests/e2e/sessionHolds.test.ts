/**
 * Only the server signs a user out, and every tab of a browser agrees.
 * Faults are injected the way they happen: token requests failed or
 * answered wrongly (route interception), the page's script paused past its
 * JWT's lifetime as a sleeping laptop's is (CDP), the WebSocket cut and the
 * network taken offline. Each test asserts what the person sees.
 *
 * The deployment's JWTs live 30 s here (JWT_LIFETIME_SECONDS), so "past
 * the token's lifetime" is half a minute, not fifteen.
 */
import type { Page, WebSocketRoute } from "playwright-core";
import { describe, expect } from "vitest";
import {
  appUserByEmail,
  bootstrapAdmin,
  newUser,
  signInInBrowser,
  signUpInBrowser,
  textOf,
  tokensSentToConvex,
  type TestApp,
} from "./support/app";
import { useTestApp } from "./support/journey";

const JWT_LIFETIME_SECONDS = 30;

const { journey } = useTestApp({
  env: () => ({ JWT_LIFETIME_SECONDS: String(JWT_LIFETIME_SECONDS) }),
});

/** Other tabs follow within a second; the tests allow 3 s on two shared cores. */
const TAB_BOUND_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drops the stored Convex JWT, so the next load has to ask for one. */
async function forgetStoredJwt(page: Page): Promise<void> {
  await page.evaluate(() => {
    const key = "better-auth_cookie";
    const cookies = JSON.parse(localStorage.getItem(key) ?? "{}") as Record<
      string,
      unknown
    >;
    for (const name of Object.keys(cookies))
      if (name.endsWith("convex_jwt")) delete cookies[name];
    localStorage.setItem(key, JSON.stringify(cookies));
  });
}

/** Every path the page's main frame visits from now on. */
function visitedPaths(page: Page): string[] {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
  });
  return visited;
}

async function notesWithText(app: TestApp, text: string) {
  const notes = await app.backend.run(
    async (ctx) => await ctx.db.query("notes").collect(),
  );
  return notes.filter((note) => note.text === text).length;
}

describe("the session holds through failures that aren't the server's answer", () => {
  journey(
    "two 503s and a dropped connection on the token request: Reconnecting…, then the user's data, never sign-in",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      await signUpInBrowser(app, page, newUser("holds"));
      await forgetStoredJwt(page);

      const failures = ["503", "503", "abort"];
      let tokenRequests = 0;
      await page.route("**/api/auth/convex/token", async (route) => {
        tokenRequests += 1;
        const failure = failures.shift();
        if (failure === "abort") return await route.abort("connectionreset");
        if (failure) {
          return await route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ message: "Service Unavailable" }),
          });
        }
        await route.continue();
      });
      const visited = visitedPaths(page);

      await page.reload();
      await page
        .getByRole("status")
        .filter({ hasText: "Reconnecting…" })
        .waitFor();
      // Retries wait 1 s, then 2 s, then 4 s: the data is there within ~8 s.
      await page.getByTestId("me-role").waitFor({ timeout: 15_000 });
      expect(tokenRequests).toBe(4);
      expect(visited).not.toContain("/sign-in");
      expect(new URL(page.url()).pathname).toBe("/");
      await expect.poll(() => page.getByText("Reconnecting…").count()).toBe(0);
    },
    60_000,
  );

  journey(
    "asleep past the JWT's lifetime: on waking, what changed meanwhile shows, without a reload or the sign-in page, even when the first token asked for is the one Convex already had",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const sent = tokensSentToConvex(page);
      const user = newUser("sleeps");
      await signUpInBrowser(app, page, user);
      await page.getByText("No notes yet.").waitFor();
      const visited = visitedPaths(page);

      // Its script paused, as a sleeping laptop's: no timers, so no
      // scheduled refresh, until the JWT has expired and Convex refuses it.
      // (CDP's "frozen" lifecycle state leaves timers running.)
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Debugger.enable");
      await cdp.send("Debugger.pause");
      await sleep((JWT_LIFETIME_SECONDS + 2) * 1000);
      // Changed from elsewhere meanwhile: the subscription's next run meets
      // the expired identity, and the server says so and closes the socket.
      const { _id: userId } = (await appUserByEmail(app, user.email))!;
      await app.backend.run(
        async (ctx) =>
          await ctx.db.insert("notes", { userId, text: "written meanwhile" }),
      );
      // The server mints the same JWT twice within a second: the first
      // token asked for on waking is the one Convex already holds.
      let replayed = 0;
      await page.route("**/api/auth/convex/token", async (route) => {
        if (replayed++ > 0) return await route.continue();
        await route.fulfill({
          status: 200,
          contentType: "application/json",
          body: JSON.stringify({ token: sent.at(-1) }),
        });
      });

      const woke = Date.now();
      await cdp.send("Debugger.resume");
      await page.getByText("written meanwhile").waitFor({ timeout: 15_000 });
      console.log(
        `[session holds] awake → the change on screen in ${Date.now() - woke} ms`,
      );
      expect(replayed).toBeGreaterThanOrEqual(2);
      expect(visited).toEqual([]);
      // Convex was never handed the same token twice.
      expect(new Set(sent).size).toBe(sent.length);
      await expect.poll(textOf(page, "me-email")).toBe(user.email);
    },
    90_000,
  );

  journey(
    "offline: the header says so, a note added meanwhile shows as saving and is saved once when back; a note whose reply was lost is not saved twice",
    async ({ app, newContext }) => {
      const context = await newContext();
      const page = await context.newPage();
      // The page's Convex sockets, passed through; "offline" refuses new ones.
      let offline = false;
      let loseNextMutationReply = false;
      const sockets: WebSocketRoute[] = [];
      await page.routeWebSocket(/\/api\/[^/]+\/sync$/, (socket) => {
        if (offline) return void socket.close();
        const server = socket.connectToServer();
        socket.onMessage((message) => {
          server.send(message);
          if (loseNextMutationReply && String(message).includes('"Mutation"')) {
            // Reached the server; its reply is lost with the socket.
            loseNextMutationReply = false;
            void server.close();
            void socket.close();
          }
        });
        sockets.push(socket);
      });
      const user = newUser("offline");
      await signUpInBrowser(app, page, user);
      await page.getByText("No notes yet.").waitFor();

      offline = true;
      await context.setOffline(true);
      await Promise.all(sockets.splice(0).map((socket) => socket.close()));
      await page.getByRole("status").filter({ hasText: "Offline" }).waitFor();

      await page.getByRole("textbox", { name: "Note" }).fill("written offline");
      await page.getByRole("button", { name: "Add note" }).click();
      const pending = page.getByRole("listitem").filter({
        hasText: "written offline",
      });
      await pending
        .getByRole("status")
        .filter({ hasText: "Saving…" })
        .waitFor();
      expect(
        await page.getByRole("textbox", { name: "Note" }).inputValue(),
      ).toBe("");
      await sleep(1_000);
      expect(await notesWithText(app, "written offline")).toBe(0);

      offline = false;
      await context.setOffline(false);
      await expect
        .poll(() => pending.getByText("Saving…").count(), { timeout: 20_000 })
        .toBe(0);
      await pending.getByRole("button", { name: /Delete note/ }).waitFor();
      expect(await notesWithText(app, "written offline")).toBe(1);
      await expect.poll(() => page.getByRole("status").count()).toBe(0);

      loseNextMutationReply = true;
      await page.getByRole("textbox", { name: "Note" }).fill("reply lost");
      await page.getByRole("button", { name: "Add note" }).click();
      const resent = page
        .getByRole("listitem")
        .filter({ hasText: "reply lost" });
      await resent
        .getByRole("button", { name: /Delete note/ })
        .waitFor({ timeout: 20_000 });
      expect(loseNextMutationReply).toBe(false);
      expect(await notesWithText(app, "reply lost")).toBe(1);
      await expect.poll(() => resent.count()).toBe(1);
    },
    90_000,
  );
});

describe("every tab of a browser agrees", () => {
  /** Waits for `done` in `page`; returns the time since `start`. */
  async function shownWithin(
    label: string,
    start: number,
    done: Promise<unknown>,
    extraMs = 0,
  ) {
    await done;
    const ms = Date.now() - start;
    console.log(`[tabs] ${label} in ${ms} ms`);
    expect(ms).toBeLessThan(TAB_BOUND_MS + extraMs);
  }

  journey(
    "signing in in one tab signs in the other, which leaves the sign-in page for the user's data",
    async ({ app, newContext }) => {
      const user = newUser("tabs");
      const first = await (await newContext()).newPage();
      await signUpInBrowser(app, first, user);
      await first.context().close();

      const context = await newContext();
      const here = await context.newPage();
      const other = await context.newPage();
      await other.goto("/");
      await other.getByRole("heading", { name: "Sign in" }).waitFor();
      await here.goto("/");
      await here.getByLabel("Email").fill(user.email);
      await here.getByLabel("Password", { exact: true }).fill(user.password);
      await other.bringToFront();

      const start = Date.now();
      await here
        .getByRole("button", { name: "Sign in", exact: true })
        .dispatchEvent("click");
      await shownWithin(
        "signed in in another tab → own data",
        start,
        other
          .getByTestId("me-email")
          .waitFor({ timeout: TAB_BOUND_MS + 2_000 }),
      );
      expect(await other.getByTestId("me-email").textContent()).toBe(
        user.email,
      );
      expect(new URL(other.url()).pathname).toBe("/");
    },
  );

  journey(
    "an admin's view as a user, started and ended in one tab, shows in their other tab, even when the end's response is slow",
    async ({ app, newContext }) => {
      const admin = await bootstrapAdmin(app);
      const helped = newUser("viewed");
      const helpedPage = await (await newContext()).newPage();
      await signUpInBrowser(app, helpedPage, helped);

      const context = await newContext();
      const consoleTab = await context.newPage();
      await signInInBrowser(consoleTab, admin);
      await consoleTab.getByTestId("me-email").waitFor();
      const other = await context.newPage();
      await other.goto("/");
      await expect.poll(textOf(other, "me-email")).toBe(admin.email);

      await consoleTab.bringToFront();
      await consoleTab.getByRole("link", { name: "Admin" }).click();
      const users = consoleTab.getByRole("region", { name: "Users" });
      await users.getByLabel("Search by email").fill(helped.email);
      await users.getByRole("link", { name: helped.email }).click();
      await consoleTab.getByRole("button", { name: "View as user" }).click();
      const confirm = consoleTab
        .getByRole("alertdialog")
        .getByRole("button", { name: "View as user" });
      await confirm.waitFor();
      await other.bringToFront();

      const banner = other.getByRole("region", {
        name: "Viewing as another user",
      });
      let start = Date.now();
      await confirm.dispatchEvent("click");
      await shownWithin(
        "view started in another tab → banner and their data",
        start,
        expect
          .poll(textOf(other, "me-email"), { timeout: TAB_BOUND_MS + 2_000 })
          .toBe(helped.email),
      );
      await banner.waitFor();

      // The view's session is deleted on the server at once, and the
      // response that stores the admin's own session is slow to arrive:
      // the other tab sees the view's session gone first. Were it to sign
      // out then, its sign-out's answer (held longer) would land after the
      // admin's session was stored, and clear it.
      const hold = (page: Page, url: string, ms: number) =>
        page.route(url, async (route) => {
          const response = await route.fetch();
          await sleep(ms);
          await route.fulfill({ response });
        });
      await hold(consoleTab, "**/api/auth/admin/stop-impersonating", 500);
      await hold(other, "**/api/auth/sign-out", 1_500);
      start = Date.now();
      await consoleTab
        .getByRole("region", { name: "Viewing as another user" })
        .getByRole("button", { name: "Stop viewing" })
        .dispatchEvent("click");
      await shownWithin(
        "view ended in another tab (its response held 0.5 s) → the admin's own data",
        start,
        expect
          .poll(textOf(other, "me-email"), { timeout: TAB_BOUND_MS + 2_500 })
          .toBe(admin.email),
        500,
      );
      await expect.poll(() => banner.count()).toBe(0);
      // The tab that ended it is back in the console, still signed in.
      await consoleTab.getByRole("heading", { name: "Audit log" }).waitFor();
      // Still signed in as the admin once every held answer has landed.
      await sleep(2_000);
      expect(await textOf(other, "me-email")()).toBe(admin.email);
      expect(new URL(other.url()).pathname).toBe("/");
    },
  );
});
