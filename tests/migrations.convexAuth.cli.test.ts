/**
 * docs/migrating-from-convex-auth.md, step by step, on one local backend
 * through the real Convex CLI. First the Convex Auth app
 * (tests/fixtures/convexAuthApp) runs there: users sign up through Convex
 * Auth's own code (its Password provider with codes, GitHub through the
 * whole OAuth round trip), and their notes reference their `users` ids.
 * Some arrive as apps really hold them: a hash from lucia's LegacyScrypt,
 * one from a custom `crypto`, two addresses differing in case, a sign-up on
 * the new app while the old row waits. Then the page's steps, in its order:
 * everyone signs in through Better Auth with their password or GitHub and
 * sees the same `users` document and its notes; a dry run and a second run
 * write nothing; the doctor is clean; Convex Auth's tables end empty.
 */
import { LegacyScrypt } from "lucia";
import { anyApi } from "convex/server";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api, components } from "../convex/_generated/api";
import type { DataModel, Id } from "../convex/_generated/dataModel";
import type { ConvexAuthReport } from "../convex/migrations/convexAuthReport";
import { startLocalBackend, type LocalBackend } from "../scripts/local-backend";
import { copyProject, type ProjectCopy } from "./e2e/support/projectCopy";
import { mergeCookies } from "./support/backend";
import { installFakeGitHub, type FakeGitHub } from "./support/fakeGitHub";
import {
  fixtureProject,
  migrationCli,
  PASSWORD,
  starterClient,
  testDocSteps,
  type MigrationCli,
  type StarterClient,
} from "./support/migrationCli";

/** The page's steps, in order: the test below runs them in this order. */
export const DOC_STEPS = [
  "Set the starter's variables and push it with the transitional schema",
  "Run the migration as a dry run",
  "Run the migration and resolve what it reports",
  "Check with the drift doctor",
  "Switch the SPA",
  "Remove Convex Auth",
];

const DOC = "docs/migrating-from-convex-auth.md";
const APP = "http://127.0.0.1:5996";
const MIGRATION = "migrations/fromConvexAuth";
const GITHUB_APP = { id: "gh-app-id", secret: "gh-app-secret" };

let backend: LocalBackend<DataModel>;
let github: FakeGitHub;
let oldApp: { dir: string; remove(): void };
let starter: ProjectCopy;
let cli: MigrationCli;
let app: StarterClient;

/** Convex Auth's own keys, as `npx @convex-dev/auth` sets them. */
async function convexAuthKeys() {
  const keys = await generateKeyPair("RS256", { extractable: true });
  const privateKey = await exportPKCS8(keys.privateKey);
  const jwk = await exportJWK(keys.publicKey);
  return {
    JWT_PRIVATE_KEY: privateKey.trimEnd().replace(/\n/g, " "),
    JWKS: JSON.stringify({ keys: [{ use: "sig", ...jwk }] }),
  };
}

type SignInResult = {
  started?: boolean;
  redirect?: string;
  verifier?: string;
  tokens?: { token: string; refreshToken: string } | null;
};

const convexAuthSignIn = (args: object) =>
  app.client().action(anyApi.auth!.signIn!, args) as Promise<SignInResult>;

type OldUser = { email: string; userId: Id<"users">; jwt: string | null };

async function outboxCode(email: string): Promise<string> {
  const row = await backend.run(
    async (ctx) =>
      await (ctx.db as unknown as DataModelDb)
        .query("outbox")
        .filter((q) => q.eq(q.field("email"), email))
        .order("desc")
        .first(),
  );
  expect(row, `a code for ${email}`).toBeTruthy();
  return row!.code;
}
type DataModelDb = {
  query(table: string): {
    filter(f: (q: FilterQ) => unknown): {
      order(o: "desc"): { first(): Promise<{ code: string } | null> };
    };
  };
};
type FilterQ = {
  eq(a: unknown, b: unknown): unknown;
  field(f: string): unknown;
};

/** A sign-up through Convex Auth's Password provider, its code entered or not. */
async function signUpOld(
  email: string,
  { verify }: { verify: boolean },
): Promise<OldUser> {
  const started = await convexAuthSignIn({
    provider: "password",
    params: { email, password: PASSWORD, flow: "signUp" },
  });
  // A code was sent: no tokens until it is entered.
  expect(started).toEqual({ tokens: null });
  const userId = await backend.run(async (ctx) => {
    const row = await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("email"), email))
      .first();
    return row!._id;
  });
  if (!verify) return { email, userId, jwt: null };
  const verified = await convexAuthSignIn({
    provider: "password",
    params: {
      email,
      code: await outboxCode(email),
      flow: "email-verification",
    },
  });
  expect(verified.tokens?.token).toBeTruthy();
  return { email, userId, jwt: verified.tokens!.token };
}

/** Convex Auth's GitHub sign-in, the whole round trip. */
async function signInOldWithGitHub(user: {
  id: number;
  login: string;
  name: string;
  email: string;
}): Promise<string> {
  const start = await convexAuthSignIn({
    provider: "github",
    params: { redirectTo: "/" },
  });
  const toGitHub = await fetch(start.redirect!, { redirect: "manual" });
  expect(toGitHub.status).toBe(302);
  const callback = github.authorize(
    new URL(toGitHub.headers.get("location")!),
    user,
  );
  const back = await fetch(callback, {
    redirect: "manual",
    headers: { cookie: mergeCookies("", toGitHub) },
  });
  expect(back.status, await back.clone().text()).toBe(302);
  const code = new URL(back.headers.get("location")!).searchParams.get("code");
  const done = await convexAuthSignIn({
    provider: "github",
    params: { code },
    verifier: start.verifier,
  });
  expect(done.tokens?.token).toBeTruthy();
  return done.tokens!.token;
}

async function addNote(jwt: string, text: string): Promise<Id<"notes">> {
  return (await app.client(jwt).mutation(anyApi.notes!.add!, {
    text,
  })) as Id<"notes">;
}

/** Replaces a password account's stored hash, as another `crypto` wrote it. */
async function setStoredHash(userId: Id<"users">, secret: string) {
  await backend.run(async (ctx) => {
    const db = ctx.db as unknown as {
      query(t: "authAccounts"): {
        filter(f: (q: FilterQ) => unknown): {
          first(): Promise<{ _id: string } | null>;
        };
      };
      patch(id: string, value: object): Promise<void>;
    };
    const account = await db
      .query("authAccounts")
      .filter((q) => q.eq(q.field("userId"), userId))
      .first();
    await db.patch(account!._id, { secret });
  });
}

/** The starter's GitHub sign-in, through the same GitHub OAuth app. */
async function signInStarterWithGitHub(
  user: Parameters<typeof signInOldWithGitHub>[0],
) {
  const start = await app.auth("/sign-in/social", {
    body: { provider: "github", callbackURL: `${APP}/` },
  });
  expect(start.status, await start.clone().text()).toBe(200);
  const { url } = (await start.json()) as { url: string };
  const callback = github.authorize(new URL(url), user);
  const landing = await fetch(callback, {
    redirect: "manual",
    headers: { cookie: mergeCookies("", start) },
  });
  expect(landing.status, await landing.clone().text()).toBe(302);
  const ott = new URL(landing.headers.get("location")!).searchParams.get("ott");
  expect(ott, landing.headers.get("location")!).toBeTruthy();
  const session = await app.auth("/cross-domain/one-time-token/verify", {
    body: { token: ott },
  });
  expect(session.status).toBe(200);
  return await app.clientOf(session);
}

async function authUserWithEmail(email: string) {
  return await backend.run(
    async (ctx) =>
      await ctx.runQuery(components.betterAuth.adapter.findOne, {
        model: "user",
        where: [{ field: "email", value: email }],
      }),
  );
}

/** The newest mail to `to` (with that subject), waiting for it to be sent. */
async function mailLink(to: string, subject?: string): Promise<string> {
  for (let tries = 0; tries < 50; tries++) {
    const mail = await backend.run(
      async (ctx) =>
        await ctx.db
          .query("devMailbox")
          .withIndex("by_to", (q) => q.eq("to", to))
          .order("desc")
          .first(),
    );
    if (mail && (!subject || mail.subject === subject)) return mail.link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No mail "${subject ?? ""}" to ${to}`);
}

/** Everything a run must (or must not) change: app rows, auth users and accounts. */
async function snapshot() {
  return await backend.run(async (ctx) => {
    const all = async (model: "user" | "account") =>
      (
        await ctx.runQuery(components.betterAuth.adapter.findMany, {
          model,
          paginationOpts: { numItems: 1000, cursor: null },
        })
      ).page;
    return {
      users: await ctx.db.query("users").collect(),
      authUsers: await all("user"),
      accounts: await all("account"),
    };
  });
}

beforeAll(async () => {
  backend = await startLocalBackend<DataModel>({
    siteUrl: APP,
    echoLogs: false,
    env: {
      ...(await convexAuthKeys()),
      AUTH_GITHUB_ID: GITHUB_APP.id,
      AUTH_GITHUB_SECRET: GITHUB_APP.secret,
    },
  });
  github = installFakeGitHub();
  oldApp = fixtureProject("tests/fixtures/convexAuthApp", "convex-auth-app-");
  starter = copyProject("convex-auth-starter-");
  cli = migrationCli(backend, starter.dir, "convex-auth");
  app = starterClient(backend, APP);
}, 60_000);

afterAll(async () => {
  github?.restore();
  await backend?.close();
  oldApp?.remove();
  starter?.remove();
});

testDocSteps(DOC, DOC_STEPS);

describe("moving a Convex Auth app onto the starter", () => {
  test("the steps of the docs page, in order", async () => {
    // The old app, in production.
    await cli.push(oldApp.dir, "old-app");
    const ada = await signUpOld("ada@example.com", { verify: true });
    const bob = await signUpOld("bob@example.com", { verify: false });
    const lee = await signUpOld("lee@example.com", { verify: true });
    const mia = await signUpOld("mia@example.com", { verify: true });
    const dupLower = await signUpOld("dup@example.com", { verify: true });
    const dupUpper = await signUpOld("Dup@Example.com", { verify: true });
    const zed = await signUpOld("Zed@Example.com", { verify: true });
    const gusAtGitHub = {
      id: 4242,
      login: "gus",
      name: "Gus",
      email: "gus@example.com",
    };
    const gusJwt = await signInOldWithGitHub(gusAtGitHub);
    const adaNotes = [
      await addNote(ada.jwt!, "ada's first"),
      await addNote(ada.jwt!, "ada's second"),
    ];
    const gusNote = await addNote(gusJwt, "gus's note");
    const miaNote = await addNote(mia.jwt!, "mia's note");
    const gusId = await backend.run(
      async (ctx) =>
        (await ctx.db.get("notes", gusNote))!.userId as Id<"users">,
    );
    // Hashes other `crypto` options wrote: lucia's LegacyScrypt (carried)
    // and a custom one (not verifiable: set anew).
    const LEE_PASSWORD = "lee's legacy password";
    await setStoredHash(
      lee.userId,
      await new LegacyScrypt().hash(LEE_PASSWORD),
    );
    await setStoredHash(
      mia.userId,
      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    );

    // 1. The starter's variables, then the starter with the transitional
    // schema (Convex Auth's GitHub app serves Better Auth's GitHub
    // provider: the callback path is the same).
    await cli.envSet("GITHUB_CLIENT_ID", GITHUB_APP.id);
    await cli.envSet("GITHUB_CLIENT_SECRET", GITHUB_APP.secret);
    // Without the transitional schema the deployment refuses the starter.
    await expect(cli.push(".", "refused")).rejects.toThrow(
      /in table "users" does not match the schema/,
    );
    cli.edit(
      "schema.ts",
      'import { usersTable } from "./model/usersTable";',
      'import {\n  convexAuthTables,\n  convexAuthUsersTable,\n} from "./migrations/convexAuthSchema";',
    );
    cli.edit(
      "schema.ts",
      "users: usersTable,",
      "users: convexAuthUsersTable,\n  ...convexAuthTables,",
    );
    await cli.push(starter.dir, "transitional");
    // The old sessions end with Convex Auth's code: everyone signs in once.
    await expect(
      app.client(ada.jwt!).query(api.notes.list, {}),
    ).rejects.toThrow();
    // Meanwhile a sign-up on the new app: one whose address an unmoved row
    // holds is refused; Zed's row holds its address in capitals.
    await app.auth("/sign-up/email", {
      body: { email: "ada@example.com", name: "Not Ada", password: PASSWORD },
    });
    expect(await authUserWithEmail("ada@example.com")).toBeNull();
    expect(
      (
        await app.auth("/sign-up/email", {
          body: {
            email: "zed@example.com",
            name: "New Zed",
            password: PASSWORD,
          },
        })
      ).status,
    ).toBe(200);

    // 2. Dry run: what it would do, nothing written.
    const before = await snapshot();
    const dry = await cli.run<ConvexAuthReport>(`${MIGRATION}:run`, {
      dryRun: true,
    });
    expect(await snapshot()).toEqual(before);
    expect(dry).toMatchObject({ dryRun: true, complete: false });

    // 3. Run: everyone decidable moves, the rest is reported exactly.
    const first = await cli.run<ConvexAuthReport>(`${MIGRATION}:run`);
    expect(first.users).toMatchObject({
      scanned: 9, // 8 old users and the new Zed
      alreadyMoved: 1,
      moved: 5, // Ada, Bob, Lee, Mia, Gus
      emailVerified: 4, // not Bob
      passwordsCarried: 3, // Ada, Bob, Lee
      oauthAccounts: 1,
    });
    expect(first.passwordResets.list).toEqual([
      expect.objectContaining({ userId: mia.userId, email: mia.email }),
    ]);
    expect(first.problems.list.map((p) => [p.kind, p.userIds])).toEqual(
      expect.arrayContaining([
        [
          "duplicate",
          expect.arrayContaining([dupLower.userId, dupUpper.userId]),
        ],
        ["emailTaken", [zed.userId, expect.any(String)]],
      ]),
    );
    expect(first.problems.count).toBe(2);
    for (const problem of first.problems.list)
      expect(problem.fix).toContain("npx convex run");
    // The dry run foresaw the same.
    expect(dry.users).toEqual(first.users);
    expect(dry.passwordResets.count).toBe(1);
    expect(dry.problems.byKind).toEqual(first.problems.byKind);

    // The operator's decisions, with the commands the report gave: the
    // capitalised twin and the old Zed (the new Zed is someone else) go.
    await cli.run(`${MIGRATION}:removeUser`, { userId: dupUpper.userId });
    await cli.run(`${MIGRATION}:removeUser`, { userId: zed.userId });
    const second = await cli.run<ConvexAuthReport>(`${MIGRATION}:run`);
    expect(second.problems.list).toEqual([]);
    expect(second).toMatchObject({ complete: true });
    expect(second.users).toMatchObject({ moved: 1, alreadyMoved: 6 });
    // Once complete, a run changes nothing.
    const settled = await snapshot();
    const third = await cli.run<ConvexAuthReport>(`${MIGRATION}:run`);
    expect(third.users).toMatchObject({ moved: 0, alreadyMoved: 7 });
    expect(await snapshot()).toEqual(settled);

    // 4. The doctor finds nothing.
    expect(await cli.doctor()).toMatchObject({
      status: "done",
      scanned: { authUsers: 7, appUsers: 7 },
      authUsersWithoutAppRow: { count: 0 },
      appRowsWithoutAuthUser: { count: 0 },
      duplicateEmails: { count: 0 },
    });

    // 5. The new SPA: same password, same users document, same notes.
    const asAda = await app.signIn(ada.email);
    expect(await asAda.query(api.users.me, {})).toMatchObject({
      _id: ada.userId,
      email: ada.email,
      emailVerified: true,
    });
    expect(
      (await asAda.query(api.notes.list, {})).map((note) => note._id).sort(),
    ).toEqual([...adaNotes].sort());
    expect(
      await (await app.signIn(lee.email, LEE_PASSWORD)).query(api.users.me, {}),
    ).toMatchObject({ _id: lee.userId });
    expect(
      await (await app.signIn(dupLower.email)).query(api.users.me, {}),
    ).toMatchObject({ _id: dupLower.userId });
    // GitHub finds Gus by his GitHub account id.
    const asGus = await signInStarterWithGitHub(gusAtGitHub);
    expect(await asGus.query(api.users.me, {})).toMatchObject({
      _id: gusId,
      email: gusAtGitHub.email,
    });
    expect((await asGus.query(api.notes.list, {})).map((n) => n._id)).toEqual([
      gusNote,
    ]);
    // Bob never entered his code: still unverified, so his password is
    // unproven (docs/security.md): the sign-in is answered as a wrong
    // password and a verification link goes to his address.
    expect(await authUserWithEmail(bob.email)).toMatchObject({
      emailVerified: false,
    });
    const bobSignIn = await app.auth("/sign-in/email", {
      body: { email: bob.email, password: PASSWORD },
    });
    expect(bobSignIn.status).toBe(401);
    expect(await mailLink(bob.email)).toContain("/verify-email");
    // Mia's hash didn't carry: her first try is answered as a wrong
    // password, and mails her a link to set one.
    expect(
      (
        await app.auth("/sign-in/email", {
          body: { email: mia.email, password: PASSWORD },
        })
      ).status,
    ).toBe(401);
    const opened = await fetch(
      await mailLink(mia.email, "Reset your password"),
      {
        redirect: "manual",
      },
    );
    const token = new URL(opened.headers.get("location")!).searchParams.get(
      "token",
    );
    expect(
      (
        await app.auth("/reset-password", {
          body: { token, newPassword: "mia's new password" },
        })
      ).status,
    ).toBe(200);
    const asMia = await app.signIn(mia.email, "mia's new password");
    expect((await asMia.query(api.notes.list, {})).map((n) => n._id)).toEqual([
      miaNote,
    ]);
    // The triggers hold for moved users: a change of name reaches the row.
    const adaSession = mergeCookies(
      "",
      await app.auth("/sign-in/email", {
        body: { email: ada.email, password: PASSWORD },
      }),
    );
    expect(
      (
        await app.auth("/update-user", {
          cookie: adaSession,
          body: { name: "Ada L." },
        })
      ).status,
    ).toBe(200);
    expect(await asAda.query(api.users.me, {})).toMatchObject({
      _id: ada.userId,
      name: "Ada L.",
    });

    // 6. Convex Auth goes: its tables emptied, then the starter's schema.
    const cleared = await cli.run<Record<string, number>>(
      `${MIGRATION}:clearConvexAuthTables`,
    );
    expect(cleared.authAccounts).toBe(6); // the 6 users left: 5 passwords, 1 GitHub
    expect(cleared.authSessions).toBeGreaterThan(0);
    await cli.push(".", "final");
    expect(
      await (await app.signIn(ada.email)).query(api.users.me, {}),
    ).toMatchObject({ _id: ada.userId, name: "Ada L." });
  }, 300_000);
});
