/**
 * Database reads per call stay within budget: `me` and the notes list read a
 * bounded number of documents however much data there is, and the admin
 * users list reads about one page at 10,000 users. `npm run bench` prints
 * the same figures. A member's organization queries, and the choice of
 * organization a sign-in makes, read O(1) documents too.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import { asSession, makeBackend, newUser, signUp } from "./support/backend";
import {
  adminReads,
  NOTES_STORED,
  PAGE_SIZE,
  READ_BUDGETS,
  seedSessions,
  USERS_STORED,
  usageOf,
  userReads,
} from "./support/readFigures";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("reads per call stay within budget", () => {
  test("users:me and notes:list read O(1) documents, whatever the data size", async () => {
    const { me, notesList } = await userReads();
    console.log(
      `reads: users:me ${me}, notes:list ${notesList} (${NOTES_STORED} notes stored)`,
    );
    expect(me).toBeLessThanOrEqual(READ_BUDGETS.me);
    expect(notesList).toBeLessThanOrEqual(READ_BUDGETS.notesList);
  });

  test("admin:listUsers reads about one page at 10,000 users", async () => {
    const { adminList, adminSearch } = await adminReads();
    console.log(
      `reads: admin:listUsers ${adminList}, with search ${adminSearch} (page ${PAGE_SIZE}, ${USERS_STORED + 1} users)`,
    );
    expect(adminList).toBeLessThanOrEqual(READ_BUDGETS.adminList);
    expect(adminSearch).toBeLessThanOrEqual(READ_BUDGETS.adminSearch);
  }, 120_000);
});

const PROJECTS_STORED = 300;
const OTHER_SESSIONS = 500;

describe("organization reads per call stay within budget", () => {
  test("a member's organization queries, and a sign-in's choice of organization, read O(1) documents", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const t = makeBackend();
    const user = newUser("member");
    const session = await signUp(t, user);
    const asMember = await asSession(t, session);
    const me = (await asMember.query(api.users.me, {}))!;
    const orgId = await asMember.mutation(api.organizations.create, {
      name: "Busy",
      slug: "busy",
    });
    await asMember.mutation(api.organizations.create, {
      name: "Other",
      slug: "other",
    });
    await asMember.mutation(api.organizations.setActive, {
      organizationId: orgId,
    });
    await t.run(async (ctx) => {
      for (let i = 0; i < PROJECTS_STORED; i++) {
        await ctx.db.insert("projects", {
          organizationId: orgId,
          name: `project ${i}`,
          createdBy: me._id,
        });
      }
    });
    // Everyone else's sessions, newer than this user's.
    await seedSessions(t, "someone-else", OTHER_SESSIONS);

    const reads = async (call: Parameters<typeof usageOf>[1]) =>
      (await usageOf(asMember, call)).reads;
    const figures = {
      active: await reads((ctx) => ctx.runQuery(api.organizations.active, {})),
      mine: await reads((ctx) => ctx.runQuery(api.organizations.mine, {})),
      projects: await reads((ctx) => ctx.runQuery(api.projects.list, {})),
      invitations: await reads((ctx) => ctx.runQuery(api.invitations.mine, {})),
      initialActive: await reads((ctx) =>
        ctx.runQuery(internal.organizations.initialActive, {
          authId: me.authId,
        }),
      ),
    };
    console.info(
      `reads: organizations:active ${figures.active}, organizations:mine ${figures.mine}, projects:list ${figures.projects}, invitations:mine ${figures.invitations}, a sign-in's initialActive ${figures.initialActive} (${PROJECTS_STORED} projects, ${OTHER_SESSIONS} other sessions)`,
    );
    // getCaller's reads, then the membership and the organization.
    expect(figures.active).toBeLessThanOrEqual(READ_BUDGETS.me + 2);
    // getCaller's, then each membership and its organization.
    expect(figures.mine).toBeLessThanOrEqual(READ_BUDGETS.me + 4);
    expect(figures.projects).toBeLessThanOrEqual(100 + READ_BUDGETS.me + 2);
    expect(figures.invitations).toBeLessThanOrEqual(READ_BUDGETS.me);
    // The user's memberships and their newest session, not everyone's.
    expect(figures.initialActive).toBeLessThanOrEqual(2 + 1);
  });
});
