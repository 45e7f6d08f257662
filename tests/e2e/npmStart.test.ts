/**
 * `npm start` itself, in a throwaway copy of the project: the real
 * `convex dev` pushes to the local backend, Vite serves the app, the
 * terminal prints the dev-mailbox link that finishes a browser sign-up,
 * nothing is written to `.env.local`, and an edit under convex/ goes live for
 * a client already connected, while a type error keeps the last good code.
 */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEV_USER } from "../../scripts/devOAuthProvider";
import {
  freePort,
  launchChromium,
  newUser,
  openEmailedLink,
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
let start: NpmScript;
let browser: Browser | undefined;
let client: ConvexClient | undefined;
let appUrl: string;
let cloudUrl: string;

const liveEdit = (
  value: string,
  extra = "",
) => `import { query } from "./_generated/server";
export const value = query({ args: {}, handler: async () => { ${extra} return "${value}"; } });
`;

beforeAll(async () => {
  project = copyProject("npm-start-");
  const [port, convexPort, sitePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  appUrl = `http://localhost:${port}`;
  cloudUrl = `http://127.0.0.1:${convexPort}`;
  start = runNpmScript(project.dir, "start", {
    PORT: String(port),
    CONVEX_PORT: String(convexPort),
    CONVEX_SITE_PORT: String(sitePort),
  });
  await start.waitFor(`${appUrl}/`, 150_000);
}, 180_000);

afterAll(async () => {
  await client?.close();
  await browser?.close();
  // Stopped, it saves its data into the copy: wait before removing it.
  if (start && start.child.exitCode === null) {
    const exited = new Promise((resolve) => start.child.once("exit", resolve));
    start.stop();
    await exited;
  }
  project?.remove();
});

test("npm start: the real convex dev pushed, Vite serves, nothing in .env.local, the printed link signs up", async () => {
  expect(start.output()).toContain("Convex functions ready!");
  expect(start.output()).toContain(`Open ${appUrl}`);
  expect(existsSync(join(project.dir, ".env.local"))).toBe(false);

  browser = await launchChromium();
  const page = await browser.newPage({ baseURL: appUrl });
  const user = newUser("start");
  await submitSignUp(page, user);
  const printed = () =>
    start
      .output()
      .match(
        new RegExp(`Dev mailbox: "[^"]+" to ${user.email}\\n\\s+(\\S+)`),
      )?.[1];
  await expect.poll(printed, { timeout: 10_000 }).toBeTruthy();
  await openEmailedLink(page, printed()!);
  await expect
    .poll(textOf(page, "me-email"), { timeout: 30_000 })
    .toBe(user.email);
}, 120_000);

test("npm start: an edit under convex/ goes live for a connected client; a type error keeps the last good code", async () => {
  const http = new ConvexHttpClient(cloudUrl);
  const read = () =>
    http.query(anyApi.liveEdit!.value!, {}).catch(() => null) as Promise<
      string | null
    >;
  writeFileSync(join(project.dir, "convex/liveEdit.ts"), liveEdit("v1"));
  await expect.poll(read, { timeout: 60_000, interval: 250 }).toBe("v1");

  client = new ConvexClient(cloudUrl);
  const seen: string[] = [];
  client.onUpdate(anyApi.liveEdit!.value!, {}, (value: string) =>
    seen.push(value),
  );
  await expect.poll(() => seen.at(-1)).toBe("v1");
  const edited = Date.now();
  writeFileSync(join(project.dir, "convex/liveEdit.ts"), liveEdit("v2"));
  await expect
    .poll(() => seen.at(-1), { timeout: 60_000, interval: 100 })
    .toBe("v2");
  console.log(`edit → live in the connected client: ${Date.now() - edited} ms`);

  writeFileSync(
    join(project.dir, "convex/liveEdit.ts"),
    liveEdit("v3", 'const n: number = "not a number"; void n;'),
  );
  // The CLI's own message, in the same terminal.
  await expect
    .poll(() => start.output(), { timeout: 60_000 })
    .toContain("Type 'string' is not assignable to type 'number'");
  expect(start.output()).toContain("typecheck via `tsc` failed");
  // Paths as in the project, not through the CLI's temporary workspace.
  // eslint-disable-next-line no-control-regex
  const plain = () => start.output().replace(/\u001b\[[0-9;]*m/g, "");
  await expect
    .poll(plain, { timeout: 60_000 })
    .toContain("Found 1 error in convex/liveEdit.ts:");
  expect(plain()).toMatch(/^convex\/liveEdit\.ts:2:/m);
  expect(await read()).toBe("v2");
  expect(seen.at(-1)).toBe("v2");
}, 180_000);

test('npm start: "Continue with Dev provider" signs in offline through the local OpenID Connect provider', async () => {
  expect(start.output()).toContain('"Continue with Dev provider" signs in as');
  browser ??= await launchChromium();
  const page = await browser.newPage({ baseURL: appUrl });
  await page.goto("/");
  await page
    .getByRole("button", { name: "Continue with Dev provider" })
    .click();
  await expect
    .poll(textOf(page, "me-email"), { timeout: 30_000 })
    .toBe(DEV_USER.email);
  await page.close();
}, 120_000);
