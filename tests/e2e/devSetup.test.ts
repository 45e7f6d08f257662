/**
 * `npm run dev` as a new developer runs it: an empty `.env.local`, a
 * deployment with no variables. The only deployment reachable here is the
 * local backend, so `convex dev` finds it through the self-hosted variables;
 * everything after that (push, codegen, `.env.local`, the `--start` command
 * that sets the backend variables and starts Vite) is the real script. Then
 * a user signs up in the browser against what it set up.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  startLocalBackend,
  type LocalBackend,
} from "../../scripts/local-backend";
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
let backend: LocalBackend;
let dev: NpmScript;
let browser: Browser | undefined;
let port: number;

beforeAll(async () => {
  project = copyProject("npm-run-dev-");
  writeFileSync(join(project.dir, ".env.local"), "");
  backend = await startLocalBackend({ echoLogs: false });
  port = await freePort();
  dev = runNpmScript(project.dir, "dev", {
    CONVEX_SELF_HOSTED_URL: backend.cloudUrl,
    CONVEX_SELF_HOSTED_ADMIN_KEY: backend.adminKey,
    PORT: String(port),
  });
  await dev.waitFor(`http://localhost:${port}/`);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  dev?.stop();
  await backend?.close();
  project?.remove();
});

test("npm run dev sets up an empty deployment and .env.local; a user then signs up", async () => {
  const variables = (await (
    await fetch(`${backend.cloudUrl}/api/list_environment_variables`, {
      headers: { authorization: `Convex ${backend.adminKey}` },
    })
  ).json()) as { environmentVariables: Record<string, string> };
  const secret = variables.environmentVariables.BETTER_AUTH_SECRET!;
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  expect(variables.environmentVariables.SITE_URL).toBe(
    `http://localhost:${port}`,
  );
  // Written by `convex dev` itself, nothing else.
  const envLocal = readFileSync(join(project.dir, ".env.local"), "utf8");
  expect(envLocal).toContain(`VITE_CONVEX_URL=${backend.cloudUrl}`);
  expect(envLocal).toContain(`VITE_CONVEX_SITE_URL=${backend.siteUrl}`);
  expect(dev.output()).not.toContain(secret);

  browser = await launchChromium();
  const page = await browser.newPage({ baseURL: `http://localhost:${port}` });
  const user = newUser("dev");
  await submitSignUp(page, user);
  const email = await backend.call(
    "query",
    "devMailbox:latest",
    { to: user.email },
    { kind: "admin" },
  );
  if (!email.ok) throw new Error(email.errorMessage);
  const { link } = email.value as { link: string };
  await openEmailedLink(page, link);
  await expect
    .poll(textOf(page, "me-email"), { timeout: 30_000 })
    .toBe(user.email);
}, 120_000);
