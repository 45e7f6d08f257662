/**
 * `npm start` keeps its data between runs, in a throwaway copy of the
 * project (so its `.convex-local/` is a temp folder of its own): a browser
 * signed in before a restart is still signed in after it and sees its note;
 * `npm run seed` adds demo accounts whose printed passwords sign in; and
 * `npm start -- --fresh` starts empty. Along the way the terminal shows
 * Better Auth's log lines without colour codes.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  addNote,
  freePort,
  launchChromium,
  newUser,
  openEmailedLink,
  signInInBrowser,
  submitSignUp,
  textOf,
} from "./support/app";
import {
  copyProject,
  runNpmScript,
  type NpmScript,
  type ProjectCopy,
} from "./support/projectCopy";

let project: ProjectCopy;
let browser: Browser;
let ports: Record<"PORT" | "CONVEX_PORT" | "CONVEX_SITE_PORT", string>;
let appUrl: string;
let start: NpmScript | undefined;

/** `npm start [-- args]` in the copy, until it serves the app. */
async function startApp(args: string[] = [], env: Record<string, string> = {}) {
  start = runNpmScript(project.dir, "start", { ...ports, ...env }, args);
  await start.waitFor(`${appUrl}/`, 150_000);
  return start;
}

/** Ctrl+C, as a developer stops it; resolves once everything has exited. */
async function stopApp() {
  const running = start!;
  start = undefined;
  if (running.child.exitCode !== null) return;
  const exited = new Promise((resolve) => running.child.once("exit", resolve));
  running.stop();
  await exited;
}

beforeAll(async () => {
  project = copyProject("npm-start-data-");
  ports = {
    PORT: String(await freePort()),
    CONVEX_PORT: String(await freePort()),
    CONVEX_SITE_PORT: String(await freePort()),
  };
  appUrl = `http://localhost:${ports.PORT}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (start) await stopApp();
  project?.remove();
});

const user = newUser("kept");
let context: BrowserContext;

test("a signed-in browser stays signed in across a restart and sees its note; Better Auth's log lines carry no colour codes", async () => {
  // Colours forced on, as in a terminal: Better Auth then colours its lines.
  const first = await startApp([], { FORCE_COLOR: "1" });
  expect(first.output()).toContain("No saved data: started empty.");
  context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  await submitSignUp(page, user);
  const link = () =>
    first
      .output()
      .match(
        new RegExp(`Dev mailbox: "[^"]+" to ${user.email}\\n\\s+(\\S+)`),
      )?.[1];
  await expect.poll(link, { timeout: 15_000 }).toBeTruthy();
  await openEmailedLink(page, link()!);
  await expect
    .poll(textOf(page, "me-email"), { timeout: 30_000 })
    .toBe(user.email);
  await addNote(page, "Survives a restart");

  // A wrong password makes Better Auth log a warning.
  const other = await browser.newPage({ baseURL: appUrl });
  await signInInBrowser(other, { email: user.email, password: "wrong one!" });
  await other.getByRole("alert").waitFor();
  await other.close();
  await expect
    .poll(() => first.output(), { timeout: 15_000 })
    .toContain("[Better Auth]");
  // The message as the function logged it: the quoted part of the line
  // (the CLI colours its own prefix, as FORCE_COLOR asks).
  const messages = first
    .output()
    .split("\n")
    .filter((line) => line.includes("[Better Auth]"))
    .map((line) => line.slice(line.indexOf("'")));
  expect(messages.join("\n")).toContain("WARN [Better Auth]: Invalid password");
  expect(messages.join("\n")).not.toContain("\u001b[");
  await stopApp();

  const second = await startApp();
  expect(second.output()).toContain("Loaded the saved data.");
  // The browser opens the app again (a tab of the same profile: its stored
  // session); the old tab, left reconnecting to the stopped backend, goes.
  await page.close();
  const again = await context.newPage();
  await again.goto("/");
  // The same session: the saved BETTER_AUTH_SECRET and JWKS still accept it.
  await expect
    .poll(textOf(again, "me-email"), { timeout: 30_000 })
    .toBe(user.email);
  await again.getByText("Survives a restart").waitFor();
}, 420_000);

test("npm run seed: the printed passwords sign in a demo user and the admin; a second run creates nobody twice", async () => {
  const seed = runNpmScript(project.dir, "seed", {});
  const code = await new Promise((resolve) => seed.child.once("exit", resolve));
  expect(code, seed.output()).toBe(0);
  const password = (email: string) =>
    seed
      .output()
      .match(new RegExp(`${email}\\s+password: (\\S+)`))?.[1] as string;
  const demo = {
    email: "alice@example.com",
    password: password("alice@example.com"),
  };
  const admin = {
    email: "admin@example.com",
    password: password("admin@example.com"),
  };
  expect(demo.password).toMatch(/^\S{16}$/);
  expect(admin.password).not.toBe(demo.password);

  const demoPage = await browser.newPage({ baseURL: appUrl });
  await signInInBrowser(demoPage, demo);
  await expect
    .poll(textOf(demoPage, "me-email"), { timeout: 30_000 })
    .toBe(demo.email);
  expect(await textOf(demoPage, "me-role")()).toBe("user");
  const adminPage = await browser.newPage({ baseURL: appUrl });
  await signInInBrowser(adminPage, admin);
  await expect
    .poll(textOf(adminPage, "me-role"), { timeout: 30_000 })
    .toBe("admin");

  const again = runNpmScript(project.dir, "seed", {});
  expect(
    await new Promise((resolve) => again.child.once("exit", resolve)),
    again.output(),
  ).toBe(0);
  expect(again.output()).toContain("admin@example.com  already exists");
  expect(again.output()).toContain("alice@example.com  already exists");
  expect(again.output()).not.toContain("password: ");
  // The first passwords still work.
  await demoPage.reload();
  await expect
    .poll(textOf(demoPage, "me-email"), { timeout: 30_000 })
    .toBe(demo.email);
}, 240_000);

test("npm start -- --fresh starts empty: the old session and the note are gone", async () => {
  await stopApp();
  const fresh = await startApp(["--fresh"]);
  expect(fresh.output()).toContain("No saved data: started empty.");
  // The same profile opens the app again (as in the restart test above).
  await Promise.all(context.pages().map((open) => open.close()));
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Email").waitFor({ timeout: 30_000 });
  expect(await page.getByTestId("me-email").count()).toBe(0);
  // Nobody is registered: the old password no longer signs in.
  await signInInBrowser(page, user);
  await page.getByRole("alert").waitFor();
  expect(await page.getByTestId("me-email").count()).toBe(0);
}, 240_000);
