/**
 * Moving a deployment from the npm component to Local Install, as docs/how-it-works.md
 * describes ("Moving an existing deployment"), keeps everything already in
 * the component's tables. One local backend gets, through the real Convex
 * CLI, first this app as it was before Local Install (those steps
 * undone on a copy: the npm component's definition, no local schema), then
 * this app as it is. Users, passwords, sessions, two-factor secrets, signing
 * keys and the app rows linked to them must all work across the push.
 */
import { createOTP } from "@better-auth/utils/otp";
import { ConvexHttpClient } from "convex/browser";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateRandomString, symmetricEncrypt } from "better-auth/crypto";
import { api, components } from "../convex/_generated/api";
import { pushApp } from "./support/pushApp";
import { startLocalBackend, type LocalBackend } from "../scripts/local-backend";
import { copyProject, type ProjectCopy } from "./e2e/support/projectCopy";
import { mergeCookies } from "./support/backend";
import { convexTokenFor } from "./support/localBackendAuth";

// Only an Origin header: no SPA is served.
const APP = "http://127.0.0.1:5999";
const PASSWORD = "correct horse battery";

/** Undoes the Local Install steps (docs/how-it-works.md) in a copy of the project. */
function toNpmComponent(dir: string): void {
  const edit = (file: string, edits: [string, string][]) => {
    const path = join(dir, "convex", file);
    let text = readFileSync(path, "utf8");
    for (const [from, to] of edits) {
      expect(text, `${file} holds ${from}`).toContain(from);
      text = text.replace(from, to);
    }
    writeFileSync(path, text);
  };
  edit("convex.config.ts", [
    ['"./betterAuth/convex.config"', '"@convex-dev/better-auth/convex.config"'],
  ]);
  edit("auth.ts", [
    ['import authSchema from "./betterAuth/schema";\n', ""],
    ["createClient<DataModel, typeof authSchema>(", "createClient<DataModel>("],
    ["local: { schema: authSchema },", ""],
    // Added after the move, as docs/how-it-works.md advises: the npm component's
    // schema has no field for it.
    ["      adminPlugin(),\n", ""],
    // Organizations need Local Install too (their tables, the session's
    // active organization).
    ["      organizationPlugin(),\n", ""],
    ["beforeDelete: refuseWhileOnlyOwner(ctx),", ""],
    ["return await withLastOrganization(ctx, session);", ""],
  ]);
  rmSync(join(dir, "convex", "betterAuth"), { recursive: true });
}

let backend: LocalBackend;
let before: ProjectCopy;

async function push(projectRoot: string, name: string): Promise<void> {
  await pushApp(backend, { projectRoot, workspace: `migration-${name}` });
}

async function auth(
  path: string,
  { cookie, body }: { cookie?: string; body?: unknown } = {},
): Promise<Response> {
  return await fetch(`${backend.siteUrl}/api/auth${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      origin: APP,
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function latestLink(to: string): Promise<string> {
  const mail = await backend.call(
    "query",
    "devMailbox:latest",
    { to },
    { kind: "admin" },
  );
  if (!mail.ok || !mail.value) throw new Error(`No email to ${to}`);
  return (mail.value as { link: string }).link;
}

/** Sign-up, then the emailed link (which signs in); returns the cookie. */
async function signUp(email: string, name: string): Promise<string> {
  const response = await auth("/sign-up/email", {
    body: { email, name, password: PASSWORD },
  });
  expect(response.status).toBe(200);
  const token = new URL(await latestLink(email)).searchParams.get("token")!;
  // Opened in the browser that signed up (convex/unprovenPassword.ts).
  const verified = await auth(
    `/verify-email?token=${encodeURIComponent(token)}`,
    { cookie: mergeCookies("", response) },
  );
  expect(verified.ok).toBe(true);
  return mergeCookies("", verified);
}

function client(jwt: string): ConvexHttpClient {
  const convex = new ConvexHttpClient(backend.cloudUrl);
  convex.setAuth(jwt);
  return convex;
}

beforeAll(async () => {
  backend = await startLocalBackend({ siteUrl: APP, echoLogs: false });
  before = copyProject("before-local-install-");
  toNpmComponent(before.dir);
}, 60_000);

afterAll(async () => {
  await backend?.close();
  before?.remove();
});

describe("moving a deployment from the npm component to Local Install", () => {
  test("users, passwords, sessions, 2FA, signing keys and app rows survive the push", async () => {
    await push(before.dir, "npm-component");

    // Data written by the npm component.
    const ada = { email: "ada@example.com", name: "Ada" };
    const adaCookie = await signUp(ada.email, ada.name);
    const adaJwt = await convexTokenFor(backend, APP, adaCookie);
    const adaMe = await client(adaJwt).query(api.users.me, {});
    expect(adaMe?.email).toBe(ada.email);
    await client(adaJwt).mutation(api.notes.create, { text: "kept" });

    const bob = { email: "bob@example.com", name: "Bob" };
    const bobCookie = await signUp(bob.email, bob.name);
    // Bob turned on two-factor. From 1.6.22 Better Auth also writes
    // lockout counters the npm component's schema has no field for
    // (get-convex/better-auth#435), so a deployment still on it ran an
    // older Better Auth: its rows, written as that version wrote them.
    const secret = generateRandomString(32);
    const key = process.env.BETTER_AUTH_SECRET!;
    await backend.run(async (ctx) => {
      const bobsUser = (await ctx.runQuery(
        components.betterAuth.adapter.findOne,
        {
          model: "user",
          where: [{ field: "email", value: bob.email }],
        },
      )) as { _id: string };
      await ctx.runMutation(components.betterAuth.adapter.create, {
        input: {
          model: "twoFactor",
          data: {
            secret: await symmetricEncrypt({ key, data: secret }),
            backupCodes: await symmetricEncrypt({
              key,
              data: JSON.stringify(["AAAAA-BBBBB"]),
            }),
            userId: bobsUser._id,
            verified: true,
          },
        },
      });
      await ctx.runMutation(components.betterAuth.adapter.updateOne, {
        input: {
          model: "user",
          where: [{ field: "_id", value: bobsUser._id }],
          update: { twoFactorEnabled: true },
        },
      });
    });
    const totp = () => createOTP(secret).totp();
    expect(bobCookie).toBeTruthy();

    // The move: this app, with the component installed locally.
    await push(".", "local-install");

    // Ada's session and her Convex token from before the move still work:
    // the session rows and the signing keys (jwks) were kept.
    const session = await auth("/get-session", { cookie: adaCookie });
    expect(
      ((await session.json()) as { user?: { email: string } } | null)?.user
        ?.email,
    ).toBe(ada.email);
    const adaAfter = await client(adaJwt).query(api.users.me, {});
    expect(adaAfter?._id).toBe(adaMe!._id);
    const notes = await client(adaJwt).query(api.notes.list, {});
    expect(notes.map((note) => note.text)).toEqual(["kept"]);

    // Her password (the credential account) still signs in.
    const signIn = await auth("/sign-in/email", {
      body: { email: ada.email, password: PASSWORD },
    });
    expect(signIn.status).toBe(200);
    const wrong = await auth("/sign-in/email", {
      body: { email: ada.email, password: "not her password" },
    });
    expect(wrong.status).toBe(401);

    // Bob's two-factor setup was kept: the password alone isn't enough,
    // and his authenticator's code completes the sign-in.
    const step1 = await auth("/sign-in/email", {
      body: { email: bob.email, password: PASSWORD },
    });
    expect(await step1.json()).toMatchObject({ twoFactorRedirect: true });
    const step2 = await auth("/two-factor/verify-totp", {
      cookie: mergeCookies("", step1),
      body: { code: await totp() },
    });
    expect(step2.status).toBe(200);
    const bobJwt = await convexTokenFor(
      backend,
      APP,
      mergeCookies(mergeCookies("", step1), step2),
    );
    expect((await client(bobJwt).query(api.users.me, {}))?.email).toBe(
      bob.email,
    );

    // New sign-ups run the triggers through the local component.
    const carol = { email: "carol@example.com", name: "Carol" };
    const carolJwt = await convexTokenFor(
      backend,
      APP,
      await signUp(carol.email, carol.name),
    );
    expect(await client(carolJwt).query(api.users.me, {})).toMatchObject({
      email: carol.email,
      role: "user",
    });
  }, 180_000);
});
