/**
 * What keeps organizations apart (convex/organizations.ts, convex/projects.ts,
 * convex/invitations.ts, the orgQuery/orgMutation builders in
 * convex/authorization.ts): a member of one organization reaches nothing of
 * another's whatever ids they send, and an admin viewing as a user may
 * switch organizations but change nothing in them.
 */
import { makeFunctionReference } from "convex/server";
import { describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import * as invitations from "../convex/invitations";
import * as organizations from "../convex/organizations";
import * as projects from "../convex/projects";
import {
  asSession,
  authFetch,
  hasCode,
  makeBackend,
  mergeCookies,
} from "./support/backend";
import {
  join,
  memberIdOf,
  orgOf,
  orgRows,
  organization,
  people,
  person,
  projectsOf,
  siteAdmin,
} from "./support/organizations";

describe("one organization's members never reach another's data", () => {
  test("whatever ids they send", async () => {
    const t = makeBackend();
    const [a, b, bMember] = await people(t, "a", "b", "b-member");
    const orgA = await orgOf(a, "A");
    const projectA = await a.as.mutation(api.projects.create, { name: "A's" });
    const orgB = await orgOf(b, "B");
    const bMemberId = await join(b, bMember, "member");
    const bOwnerId = await memberIdOf(b, b);
    const projectB = await b.as.mutation(api.projects.create, { name: "B's" });
    const invitationB = await b.as.mutation(api.invitations.invite, {
      email: "someone-for-b@example.com",
      role: "admin",
    });
    const before = {
      members: await orgRows(t, "member", [
        { field: "organizationId", value: orgB },
      ]),
      invitations: await orgRows(t, "invitation"),
      org: await organization(t, orgB),
      mails: await t.run(
        async (ctx) => (await ctx.db.query("devMailbox").collect()).length,
      ),
    };

    const attempts: [string, () => Promise<unknown>, string][] = [
      [
        "setRole",
        () =>
          a.as.mutation(api.organizations.setRole, {
            memberId: bMemberId,
            role: "admin",
          }),
        "NOT_FOUND",
      ],
      [
        "setRole of B's owner",
        () =>
          a.as.mutation(api.organizations.setRole, {
            memberId: bOwnerId,
            role: "member",
          }),
        "NOT_FOUND",
      ],
      [
        "removeMember",
        () =>
          a.as.mutation(api.organizations.removeMember, {
            memberId: bMemberId,
          }),
        "NOT_FOUND",
      ],
      [
        "transferOwnership",
        () =>
          a.as.mutation(api.organizations.transferOwnership, {
            memberId: bMemberId,
          }),
        "NOT_FOUND",
      ],
      [
        "projects:remove",
        () => a.as.mutation(api.projects.remove, { projectId: projectB }),
        "NOT_FOUND",
      ],
      [
        "invitations:resend",
        () =>
          a.as.mutation(api.invitations.resend, { invitationId: invitationB }),
        "INVITATION_NOT_FOUND",
      ],
      [
        "invitations:cancel",
        () =>
          a.as.mutation(api.invitations.cancel, { invitationId: invitationB }),
        "INVITATION_NOT_FOUND",
      ],
      [
        "invitations:accept",
        () =>
          a.as.mutation(api.invitations.accept, { invitationId: invitationB }),
        "INVITATION_OTHER_EMAIL",
      ],
      [
        "invitations:decline",
        () =>
          a.as.mutation(api.invitations.decline, { invitationId: invitationB }),
        "INVITATION_OTHER_EMAIL",
      ],
      [
        "setActive",
        () =>
          a.as.mutation(api.organizations.setActive, { organizationId: orgB }),
        "NOT_FOUND",
      ],
      // Removing B's project from B's own side is refused too (it's A's).
      [
        "projects:remove by B",
        () => b.as.mutation(api.projects.remove, { projectId: projectA }),
        "NOT_FOUND",
      ],
    ];
    for (const [name, attempt, code] of attempts) {
      await expect(attempt(), name).rejects.toSatisfy(hasCode(code));
    }
    // The session's active organization can't be set through Better Auth's
    // routes either (they are off).
    for (const path of ["/update-session", "/organization/set-active"]) {
      const response = await authFetch(t, path, {
        cookie: a.session.cookie,
        body: { activeOrganizationId: orgB, organizationId: orgB },
      });
      expect(response.status, path).toBe(404);
    }

    // A's lists hold only A's.
    expect((await a.as.query(api.organizations.active, {}))?.id).toBe(orgA);
    expect((await a.as.query(api.projects.list, {})).map((p) => p.id)).toEqual([
      projectA,
    ]);
    expect(
      (await a.as.query(api.organizations.members, {})).map((m) => m.email),
    ).toEqual([a.row.email]);
    expect(await a.as.query(api.invitations.list, {})).toEqual([]);
    expect(
      (await a.as.query(api.organizations.mine, {})).map((org) => org.id),
    ).toEqual([orgA]);

    // B is as it was.
    expect(
      await orgRows(t, "member", [{ field: "organizationId", value: orgB }]),
    ).toEqual(before.members);
    expect(await orgRows(t, "invitation")).toEqual(before.invitations);
    expect(await organization(t, orgB)).toEqual(before.org);
    expect(
      await t.run(
        async (ctx) => (await ctx.db.query("devMailbox").collect()).length,
      ),
    ).toBe(before.mails);
    expect((await b.as.query(api.projects.list, {})).map((p) => p.id)).toEqual([
      projectB,
    ]);
  });
});

type Registered = { isPublic?: boolean; isMutation?: boolean };

/** Every public mutation of a module, by name. */
function publicMutations(module: Record<string, unknown>): string[] {
  return Object.entries(module)
    .filter(([, fn]) => {
      const registered = fn as Registered;
      return registered.isPublic && registered.isMutation;
    })
    .map(([name]) => name);
}

describe("an admin's view as a user", () => {
  test("can switch organizations but changes nothing in them", async () => {
    const t = makeBackend();
    const adminCookie = (await siteAdmin(t)).cookie;
    const [owner, member] = await people(t, "owner", "member");
    const orgId = await orgOf(owner, "Viewed");
    const memberId = await join(owner, member, "member");
    const projectId = await owner.as.mutation(api.projects.create, {
      name: "Kept",
    });
    const pendingId = await owner.as.mutation(api.invitations.invite, {
      email: "pending@example.com",
      role: "member",
    });
    // An invitation to the viewed user, from another organization.
    const other = await person(t, "other");
    await orgOf(other, "Other");
    const toOwner = await other.as.mutation(api.invitations.invite, {
      email: owner.row.email,
      role: "member",
    });

    const started = await authFetch(t, "/admin/impersonate-user", {
      cookie: adminCookie,
      body: { userId: owner.row.authId },
    });
    expect(started.status).toBe(200);
    const asView = await asSession(t, {
      cookie: mergeCookies(adminCookie, started),
    });
    // The view opens where the user last worked, and can read it.
    expect((await asView.query(api.organizations.active, {}))?.id).toBe(orgId);
    expect(await asView.query(api.projects.list, {})).toHaveLength(1);

    const args: Record<string, Record<string, unknown>> = {
      "organizations:create": { name: "New", slug: "new-org" },
      "organizations:rename": { name: "Renamed" },
      "organizations:setRole": { memberId, role: "admin" },
      "organizations:removeMember": { memberId },
      "organizations:leave": {},
      "organizations:transferOwnership": { memberId },
      "organizations:remove": { confirmSlug: "org-x" },
      "invitations:invite": { email: "new@example.com", role: "member" },
      "invitations:resend": { invitationId: pendingId },
      "invitations:cancel": { invitationId: pendingId },
      "invitations:accept": { invitationId: toOwner },
      "invitations:decline": { invitationId: toOwner },
      "projects:create": { name: "New" },
      "projects:remove": { projectId },
    };
    const names = [
      ...publicMutations(organizations).map((n) => `organizations:${n}`),
      ...publicMutations(invitations).map((n) => `invitations:${n}`),
      ...publicMutations(projects).map((n) => `projects:${n}`),
    ].filter((name) => name !== "organizations:setActive");
    // A new mutation fails here until it is given arguments above.
    expect(names.sort()).toEqual(Object.keys(args).sort());
    for (const name of names) {
      await expect(
        asView.mutation(makeFunctionReference<"mutation">(name), args[name]!),
        name,
      ).rejects.toSatisfy(hasCode("IMPERSONATING"));
    }

    // Switching is the view's own business: it changes the view's session.
    await asView.mutation(api.organizations.setActive, {
      organizationId: null,
    });
    expect(await asView.query(api.organizations.active, {})).toBeNull();
    expect((await owner.as.query(api.organizations.active, {}))?.id).toBe(
      orgId,
    );
    await asView.mutation(api.organizations.setActive, {
      organizationId: orgId,
    });
    expect((await asView.query(api.organizations.active, {}))?.id).toBe(orgId);

    // Nothing changed.
    expect(await organization(t, orgId)).toMatchObject({
      name: "Viewed",
      memberCount: 2,
    });
    expect(
      (await owner.as.query(api.organizations.members, {})).map((m) => m.role),
    ).toEqual(["owner", "member"]);
    expect(await projectsOf(t, orgId)).toHaveLength(1);
    expect(await owner.as.query(api.invitations.list, {})).toHaveLength(1);
    expect(await owner.as.query(api.invitations.mine, {})).toHaveLength(1);
    expect(await orgRows(t, "organization")).toHaveLength(2);
  });
});
