/**
 * docs/migrating-from-dual-database.md, step by step, on one local backend
 * through the real Convex CLI. First the dual-database app
 * (tests/fixtures/dualDatabaseApp) runs there: users sign up through
 * Better Auth's real routes, the SPA's `syncFromAuth` runs for some of them
 * only, and the drift such apps accumulate is planted the way it arises
 * (an admin flag set in the dashboard, auth users edited by a JSONL
 * re-import, a deleted auth user, a double sync, rows from before the sync
 * stored ids). Then the page's steps, in its order: afterwards the doctor is
 * clean, everyone signs in with their password and sees their data, the
 * admin is an admin, each conflict was reported with its ids, a dry run
 * and a second run wrote nothing.
 */
import { anyApi } from "convex/server";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api, components } from "../convex/_generated/api";
import type { DataModel, Doc, Id } from "../convex/_generated/dataModel";
import type { Report } from "../convex/migrations/dualDatabaseReport";
import { startLocalBackend, type LocalBackend } from "../scripts/local-backend";
import { copyProject, type ProjectCopy } from "./e2e/support/projectCopy";
import { mergeCookies } from "./support/backend";
import { convexTokenFor } from "./support/localBackendAuth";
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
  "Push the starter with the transitional schema",
  "Run the migration as a dry run",
  "Run the migration and resolve what it reports",
  "Check with the drift doctor",
  "Switch the SPA",
  "Delete syncFromAuth and its call",
  "Remove the transitional schema",
];

const DOC = "docs/migrating-from-dual-database.md";
const APP = "http://127.0.0.1:5997";
const MIGRATION = "migrations/fromDualDatabase";

let backend: LocalBackend<DataModel>;
let oldApp: { dir: string; remove(): void };
let starter: ProjectCopy;
let cli: MigrationCli;
let app: StarterClient;

type OldUser = { email: string; name: string; authId: string; cookie: string };

/** A sign-up on the old app, verified through its emailed link or not. */
async function signUpOld(
  name: string,
  { verify }: { verify: boolean },
): Promise<OldUser> {
  const email = `${name.toLowerCase()}@example.com`;
  const response = await app.auth("/sign-up/email", {
    body: { email, name, password: PASSWORD },
  });
  expect(response.status).toBe(200);
  const { user } = (await response.json()) as { user: { id: string } };
  if (verify) {
    const mail = await backend.run(
      async (ctx) =>
        await ctx.db
          .query("devMailbox")
          .withIndex("by_to", (q) => q.eq("to", email))
          .first(),
    );
    const verified = await fetch(mail!.link, { redirect: "manual" });
    expect(verified.status).toBeLessThan(400);
  }
  return { email, name, authId: user.id, cookie: mergeCookies("", response) };
}

/** What the old SPA does after sign-in: calls syncFromAuth. */
async function syncFromAuth(user: OldUser): Promise<Id<"users">> {
  const jwt = await convexTokenFor(backend, APP, user.cookie);
  return (await app
    .client(jwt)
    .mutation(anyApi.users!.syncFromAuth!, {})) as Id<"users">;
}

async function updateAuthUser(authId: string, update: Record<string, unknown>) {
  await backend.run(async (ctx) => {
    await ctx.runMutation(components.betterAuth.adapter.updateOne, {
      input: {
        model: "user",
        where: [{ field: "_id", value: authId }],
        update,
      },
    });
  });
}

/** Every app row and auth user: what a run must (or must not) change. */
async function snapshot() {
  return await backend.run(async (ctx) => ({
    users: await ctx.db.query("users").collect(),
    authUsers: (
      await ctx.runQuery(components.betterAuth.adapter.findMany, {
        model: "user",
        paginationOpts: { numItems: 1000, cursor: null },
      })
    ).page,
  }));
}

async function appRow(userId: Id<"users">): Promise<Doc<"users"> | null> {
  return await backend.run(async (ctx) => await ctx.db.get("users", userId));
}

beforeAll(async () => {
  backend = await startLocalBackend<DataModel>({
    siteUrl: APP,
    echoLogs: false,
  });
  oldApp = fixtureProject("tests/fixtures/dualDatabaseApp", "dual-db-app-");
  starter = copyProject("dual-db-starter-");
  cli = migrationCli(backend, starter.dir, "dual-db");
  app = starterClient(backend, APP);
}, 60_000);

afterAll(async () => {
  await backend?.close();
  oldApp?.remove();
  starter?.remove();
});

testDocSteps(DOC, DOC_STEPS);

describe("moving a dual-database app onto the starter", () => {
  test("the steps of the docs page, in order", async () => {
    // The old app, in production.
    await cli.push(oldApp.dir, "old-app");
    const ada = await signUpOld("Ada", { verify: true }); // admin, has notes
    const bob = await signUpOld("Bob", { verify: true }); // renamed since
    const carol = await signUpOld("Carol", { verify: true }); // never synced
    const dave = await signUpOld("Dave", { verify: false }); // never synced
    const erin = await signUpOld("Erin", { verify: true }); // deleted since
    const frank = await signUpOld("Frank", { verify: true }); // synced twice
    const gina = await signUpOld("Gina", { verify: true }); // row without id
    const hank = await signUpOld("Hank", { verify: false }); // row without id
    const ivy = await signUpOld("Ivy", { verify: true }); // email changed
    const adaRow = await syncFromAuth(ada);
    const bobRow = await syncFromAuth(bob);
    const erinRow = await syncFromAuth(erin);
    const frankRow = await syncFromAuth(frank);
    const ivyRow = await syncFromAuth(ivy);
    await app
      .client(await convexTokenFor(backend, APP, ada.cookie))
      .mutation(anyApi.notes!.add!, { text: "ada's note" });
    // Drift, as the old pattern produces it.
    await updateAuthUser(bob.authId, { name: "Robert" }); // row keeps "Bob"
    await updateAuthUser(ivy.authId, { email: "ivy.new@example.com" }); // JSONL re-import
    const jack = await signUpOld("Jack", { verify: true });
    await updateAuthUser(jack.authId, { email: ivy.email }); // took Ivy's old address
    await backend.run(async (ctx) => {
      await ctx.db.patch("users", adaRow, { isAdmin: true } as never);
      await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
        input: { model: "user", where: [{ field: "_id", value: erin.authId }] },
      });
    });
    const planted = await backend.run(async (ctx) => {
      const insert = (fields: Record<string, unknown>) =>
        ctx.db.insert("users", fields as never);
      return {
        // Two concurrent first syncs.
        frankTwin: await insert({
          email: frank.email,
          name: frank.name,
          isAdmin: false,
          betterAuthId: frank.authId,
        }),
        // From before the sync stored ids (mixed case, as typed).
        gina: await insert({ email: "Gina@Example.com", name: "Gina" }),
        hank: await insert({ email: hank.email, name: "Hank" }),
        ghost: await insert({ email: "ghost@example.com", name: "Ghost" }),
        malformed: await insert({ email: "not an email", name: "?" }),
      };
    });

    // Without the transitional schema the deployment refuses the starter.
    await expect(cli.push(".", "refused")).rejects.toThrow(
      /in table "users" does not match the schema/,
    );

    // 1. Push the starter with the transitional schema (and a no-op
    // syncFromAuth, so the old SPA keeps working meanwhile).
    cli.edit(
      "schema.ts",
      'import { usersTable } from "./model/usersTable";',
      'import { dualDatabaseUsersTable } from "./migrations/dualDatabaseSchema";',
    );
    cli.edit(
      "schema.ts",
      "users: usersTable,",
      "users: dualDatabaseUsersTable,",
    );
    const usersModule = readFileSync(
      join(starter.dir, "convex/users.ts"),
      "utf8",
    );
    cli.edit(
      "users.ts",
      'import { query } from "./_generated/server";',
      'import { mutation, query } from "./_generated/server";',
    );
    writeFileSync(
      join(starter.dir, "convex/users.ts"),
      `${readFileSync(join(starter.dir, "convex/users.ts"), "utf8")}
// The old SPA still calls it; the onCreate trigger writes rows now.
export const syncFromAuth = mutation({ args: {}, handler: async () => null });
`,
    );
    await cli.push(starter.dir, "transitional");
    expect(await syncFromAuth(gina)).toBeNull();

    // 2. Dry run: what it would do, nothing written.
    const before = await snapshot();
    const dry = await cli.run<Report>(`${MIGRATION}:run`, { dryRun: true });
    expect(await snapshot()).toEqual(before);
    expect(dry).toMatchObject({ dryRun: true, complete: false });

    // 3. Run: everything decidable moves, the rest is reported exactly.
    const first = await cli.run<Report>(`${MIGRATION}:run`);
    expect(first.appRows).toMatchObject({
      scanned: 10,
      alreadyMoved: 0,
      linkedById: 2, // Ada, Bob
      linkedByEmail: 1, // Gina
      refreshed: 2, // Bob's name, Gina's spelling
    });
    expect(first.adminsMoved).toBe(1);
    expect(first.createdAppRows).toBe(2); // Carol, Dave
    const reported = first.problems.list.map((p) => [p.kind, p.userIds]);
    expect(reported).toEqual(
      expect.arrayContaining([
        ["authUserGone", [erinRow]],
        ["duplicate", expect.arrayContaining([frankRow, planted.frankTwin])],
        ["unverifiedOnly", [planted.hank]],
        ["noAuthUser", [planted.ghost]],
        ["malformed", [planted.malformed]],
        ["emailHeldByOther", [ivyRow]],
      ]),
    );
    expect(first.problems.count).toBe(6);
    // Frank, Hank, Ivy and Jack (whose email is on Ivy's old row) get no
    // second row while a reported one claims them.
    expect(first.authUsersWaiting).toBe(4);
    for (const problem of first.problems.list)
      expect(problem.fix).toContain("npx convex run");
    // The dry run foresaw the same.
    expect(dry.appRows).toEqual(first.appRows);
    expect(dry.createdAppRows).toBe(first.createdAppRows);
    expect(dry.authUsersWaiting).toBe(first.authUsersWaiting);
    expect(dry.problems.byKind).toEqual(first.problems.byKind);
    // Reported rows are untouched.
    expect(await appRow(ivyRow)).toMatchObject({
      email: ivy.email,
      betterAuthId: ivy.authId,
    });

    // The operator's decisions, with the commands the report gave.
    for (const userId of [
      erinRow,
      planted.frankTwin,
      planted.ghost,
      planted.malformed,
    ]) {
      await cli.run(`${MIGRATION}:removeAppRow`, { userId });
    }
    await cli.run(`${MIGRATION}:linkAppRow`, {
      userId: ivyRow,
      authId: ivy.authId,
    });
    await cli.run(`${MIGRATION}:linkAppRow`, {
      userId: planted.hank,
      authId: hank.authId,
    });
    const second = await cli.run<Report>(`${MIGRATION}:run`);
    expect(second.problems.list).toEqual([]);
    expect(second).toMatchObject({ complete: true, createdAppRows: 1 }); // Jack
    expect(second.appRows).toMatchObject({ linkedById: 1, alreadyMoved: 7 }); // Frank
    // Once complete, a run changes nothing.
    const settled = await snapshot();
    const third = await cli.run<Report>(`${MIGRATION}:run`);
    expect(third).toMatchObject({ complete: true, createdAppRows: 0 });
    expect(third.appRows.alreadyMoved).toBe(third.appRows.scanned);
    expect(await snapshot()).toEqual(settled);

    // 4. The doctor finds nothing.
    const doctor = await cli.doctor();
    expect(doctor).toMatchObject({
      status: "done",
      scanned: { authUsers: 9, appUsers: 9 },
      authUsersWithoutAppRow: { count: 0 },
      appRowsWithoutAuthUser: { count: 0 },
      appRowsNotChecked: { count: 0 },
      duplicateEmails: { count: 0 },
    });

    // 5. The new SPA: passwords sign in, data and roles are where they were.
    const asAda = await app.signIn(ada.email);
    expect(await asAda.query(api.users.me, {})).toMatchObject({
      _id: adaRow,
      role: "admin",
      email: ada.email,
    });
    expect((await asAda.query(api.notes.list, {})).map((n) => n.text)).toEqual([
      "ada's note",
    ]);
    const listed = await asAda.query(api.admin.listUsers, {
      paginationOpts: { numItems: 50, cursor: null },
    });
    expect(listed.page).toHaveLength(9);
    const asBob = await app.signIn(bob.email);
    expect(await asBob.query(api.users.me, {})).toMatchObject({
      _id: bobRow,
      name: "Robert",
      role: "user",
    });
    await expect(
      asBob.query(api.admin.listUsers, {
        paginationOpts: { numItems: 5, cursor: null },
      }),
    ).rejects.toThrow();
    const asIvy = await app.signIn("ivy.new@example.com");
    expect(await asIvy.query(api.users.me, {})).toMatchObject({ _id: ivyRow });
    for (const user of [carol, gina, frank, jack]) {
      const email = user === jack ? ivy.email : user.email;
      expect(
        await (await app.signIn(email)).query(api.users.me, {}),
      ).toMatchObject({
        email,
      });
    }
    expect(dave.authId).toBeTruthy();

    // 6. syncFromAuth is gone.
    writeFileSync(join(starter.dir, "convex/users.ts"), usersModule);
    await cli.push(starter.dir, "without-sync");
    await expect(syncFromAuth(gina)).rejects.toThrow(/syncFromAuth/);

    // 7. The starter's own schema: every stored row fits it now.
    await cli.push(".", "final");
    expect(
      await (await app.signIn(ada.email)).query(api.users.me, {}),
    ).toMatchObject({
      role: "admin",
    });
  }, 240_000);
});
