/**
 * Organizations through their Convex functions (convex/organizations.ts,
 * convex/projects.ts, the orgQuery/orgMutation builders in
 * convex/authorization.ts): creating and switching, the rules between
 * roles, leaving and removal, isolation between organizations, an admin's
 * view, and deleting an organization or an account that owns one.
 * Invitations: tests/organizations.invitations.test.ts.
 */
import { makeFunctionReference } from "convex/server";
import { describe, expect, test } from "vitest";
import { api, components, internal } from "../convex/_generated/api";
import type { Doc } from "../convex/_generated/dataModel";
import * as invitations from "../convex/invitations";
import * as organizations from "../convex/organizations";
import * as projects from "../convex/projects";
import {
  appRowOf,
  asSession,
  authFetch,
  authRows,
  finishScheduled,
  hasCode,
  makeBackend,
  mergeCookies,
  newUser,
  PASSWORD,
  signInSession,
  signUp,
  type Backend,
  type Session,
} from "./support/backend";
import type { NewUser } from "./support/fixtures";
import { seedSessions } from "./support/readFigures";

type Client = Awaited<ReturnType<typeof asSession>>;
type Person = {
  user: NewUser;
  session: Session;
  as: Client;
  row: Doc<"users">;
};

async function person(t: Backend, prefix: string): Promise<Person> {
  const user = newUser(prefix);
  const session = await signUp(t, user);
  return {
    user,
    session,
    as: await asSession(t, session),
    row: await appRowOf(t, user.email),
  };
}

let slugs = 0;
/** Creates an organization owned by `owner` (now their active one). */
async function orgOf(owner: Person, name = "Acme"): Promise<string> {
  slugs += 1;
  return await owner.as.mutation(api.organizations.create, {
    name,
    slug: `org-${slugs}`,
  });
}

/** `inviter`'s active organization takes `invitee` in with `role`, by invitation. */
async function join(
  inviter: Person,
  invitee: Person,
  role: "owner" | "admin" | "member",
): Promise<string> {
  const invitationId = await inviter.as.mutation(api.invitations.invite, {
    email: invitee.row.email,
    role,
  });
  await invitee.as.mutation(api.invitations.accept, { invitationId });
  return await memberIdOf(inviter, invitee);
}

async function memberIdOf(viewer: Person, of: Person): Promise<string> {
  const members = await viewer.as.query(api.organizations.members, {});
  const found = members.find((member) => member.email === of.row.email);
  if (!found) throw new Error(`${of.row.email} is not a member`);
  return found.id;
}

type OrgModel = "organization" | "member" | "invitation";

/** Rows of one organization-plugin table (test-sized data). */
async function orgRows<T = Record<string, unknown>>(
  t: Backend,
  model: OrgModel,
  where: { field: string; value: string }[] = [],
): Promise<T[]> {
  return await t.run(async (ctx) => {
    const result = await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model,
      where,
      paginationOpts: { numItems: 1000, cursor: null },
    });
    return result.page as T[];
  });
}

async function organization(t: Backend, id: string) {
  const [row] = await orgRows<{ name: string; memberCount: number }>(
    t,
    "organization",
    [{ field: "_id", value: id }],
  );
  return row ?? null;
}

async function auditActions(t: Backend): Promise<string[]> {
  const rows = await t.run(
    async (ctx) => await ctx.db.query("auditLog").collect(),
  );
  return rows.map((row) => row.action);
}

async function projectsOf(t: Backend, organizationId: string) {
  return await t.run(
    async (ctx) =>
      await ctx.db
        .query("projects")
        .withIndex("by_organizationId", (q) =>
          q.eq("organizationId", organizationId),
        )
        .collect(),
  );
}

describe("creating and switching organizations", () => {
  test("a bad name or slug, or a taken slug, is refused with a clear message and writes nothing", async () => {
    const t = makeBackend();
    const ada = await person(t, "ada");
    const bad: [{ name: string; slug: string }, string, RegExp][] = [
      [{ name: "Acme", slug: "ab" }, "INVALID_ORGANIZATION", /3 to 40/],
      [{ name: "Acme", slug: "Acme-Labs" }, "INVALID_ORGANIZATION", /lower/],
      [{ name: "Acme", slug: "-acme" }, "INVALID_ORGANIZATION", /dashes/],
      [{ name: "Acme", slug: "ac me" }, "INVALID_ORGANIZATION", /dashes/],
      [{ name: "x".repeat(61), slug: "acme" }, "INVALID_ORGANIZATION", /60/],
      [{ name: "   ", slug: "acme" }, "INVALID_ORGANIZATION", /required/],
    ];
    for (const [args, code, message] of bad) {
      const error = await ada.as.mutation(api.organizations.create, args).then(
        () => null,
        (e: unknown) => e as { data: { code: string; message: string } },
      );
      expect(error?.data.code, JSON.stringify(args)).toBe(code);
      expect(error?.data.message, JSON.stringify(args)).toMatch(message);
    }
    expect(await orgRows(t, "organization")).toEqual([]);
    expect(await orgRows(t, "member")).toEqual([]);
    expect(await ada.as.query(api.organizations.active, {})).toBeNull();

    await ada.as.mutation(api.organizations.create, {
      name: "Acme",
      slug: "acme",
    });
    const bob = await person(t, "bob");
    await expect(
      bob.as.mutation(api.organizations.create, {
        name: "Other",
        slug: " acme ",
      }),
    ).rejects.toSatisfy(hasCode("SLUG_TAKEN"));
    expect(await orgRows(t, "organization")).toHaveLength(1);
    expect(await orgRows(t, "member")).toHaveLength(1);
    expect(await bob.as.query(api.organizations.active, {})).toBeNull();
    expect(await bob.as.query(api.organizations.mine, {})).toEqual([]);
    expect(await auditActions(t)).toEqual(["org-create"]);
  });

  test("the active organization follows create and setActive; another's can't be chosen", async () => {
    const t = makeBackend();
    const [ada, bob] = [await person(t, "ada"), await person(t, "bob")];
    expect(await ada.as.query(api.organizations.active, {})).toBeNull();
    expect(await t.query(api.organizations.active, {})).toBeNull();
    expect(await t.query(api.organizations.mine, {})).toEqual([]);

    const first = await orgOf(ada, "First");
    expect(await ada.as.query(api.organizations.active, {})).toMatchObject({
      id: first,
      name: "First",
      role: "owner",
      memberCount: 1,
      permissions: { organization: ["update", "delete"] },
    });
    const second = await orgOf(ada, "Second");
    expect((await ada.as.query(api.organizations.active, {}))?.id).toBe(second);
    expect(await ada.as.query(api.organizations.mine, {})).toEqual([
      expect.objectContaining({ id: first, role: "owner", active: false }),
      expect.objectContaining({ id: second, role: "owner", active: true }),
    ]);

    await ada.as.mutation(api.organizations.setActive, {
      organizationId: first,
    });
    expect((await ada.as.query(api.organizations.active, {}))?.id).toBe(first);
    await ada.as.mutation(api.organizations.setActive, {
      organizationId: null,
    });
    expect(await ada.as.query(api.organizations.active, {})).toBeNull();
    await expect(ada.as.query(api.projects.list, {})).rejects.toSatisfy(
      hasCode("NO_ACTIVE_ORGANIZATION"),
    );

    // Bob is in neither: both look missing to him, as does nonsense.
    for (const organizationId of [first, second, "not-an-id"]) {
      await expect(
        bob.as.mutation(api.organizations.setActive, { organizationId }),
      ).rejects.toSatisfy(hasCode("NOT_FOUND"));
    }
    expect(await bob.as.query(api.organizations.active, {})).toBeNull();

    // A new sign-in opens the organization last worked in.
    await ada.as.mutation(api.organizations.setActive, {
      organizationId: second,
    });
    const again = await asSession(t, await signInSession(t, ada.user));
    expect((await again.query(api.organizations.active, {}))?.id).toBe(second);
  });
});

describe("a new sign-in opens the organization of the user's newest session", () => {
  test("while they are still a member of it; else their first one", async () => {
    const t = makeBackend();
    const [ada, bob] = [await person(t, "ada"), await person(t, "bob")];
    const first = await orgOf(ada, "First");
    await join(ada, bob, "member");
    const second = await orgOf(ada, "Second");
    await join(ada, bob, "member");
    // Accepting made Second Bob's active organization.
    const again = await asSession(t, await signInSession(t, bob.user));
    expect((await again.query(api.organizations.active, {}))?.id).toBe(second);

    await ada.as.mutation(api.organizations.removeMember, {
      memberId: await memberIdOf(ada, bob),
    });
    const after = await asSession(t, await signInSession(t, bob.user));
    expect((await after.query(api.organizations.active, {}))?.id).toBe(first);
  });

  test("however many other people's sessions there are", async () => {
    const t = makeBackend();
    const ada = await person(t, "ada");
    await orgOf(ada, "First");
    const second = await orgOf(ada, "Second");
    // Other users sign in after Ada did (their sessions are newer).
    await seedSessions(t, "someone-else", 250);
    const next = await asSession(t, await signInSession(t, ada.user));
    expect((await next.query(api.organizations.active, {}))?.id).toBe(second);
  });
});

describe("roles", () => {
  test("members are listed with roles; who may change whose role", async () => {
    const t = makeBackend();
    const [owner, admin, member, other] = [
      await person(t, "owner"),
      await person(t, "admin"),
      await person(t, "member"),
      await person(t, "other"),
    ];
    const orgId = await orgOf(owner);
    const adminId = await join(owner, admin, "admin");
    const memberId = await join(owner, member, "member");
    const otherId = await join(owner, other, "member");
    const ownerId = await memberIdOf(owner, owner);

    const list = await member.as.query(api.organizations.members, {});
    expect(
      list.map(({ role, email, isYou }) => ({ role, email, isYou })),
    ).toEqual([
      { role: "owner", email: owner.row.email, isYou: false },
      { role: "admin", email: admin.row.email, isYou: false },
      // Then by name: "member …" before "other …".
      { role: "member", email: member.row.email, isYou: true },
      { role: "member", email: other.row.email, isYou: false },
    ]);
    expect((await organization(t, orgId))?.memberCount).toBe(4);

    const refusals: [Person, string, string, string][] = [
      // An admin can't touch an owner or make one.
      [admin, ownerId, "admin", "ORG_FORBIDDEN"],
      [admin, memberId, "owner", "ORG_FORBIDDEN"],
      // A member can't change roles at all.
      [member, otherId, "admin", "ORG_FORBIDDEN"],
      // Nobody changes their own role, the only owner included.
      [admin, adminId, "member", "ORG_FORBIDDEN"],
      [owner, ownerId, "admin", "ORG_FORBIDDEN"],
      // A role that doesn't exist.
      [owner, memberId, "superuser", "INVALID_ROLE"],
      [owner, "not-a-member-id", "admin", "NOT_FOUND"],
    ];
    for (const [who, target, role, code] of refusals) {
      await expect(
        who.as.mutation(api.organizations.setRole, { memberId: target, role }),
        `${who.user.name} → ${role}`,
      ).rejects.toSatisfy(hasCode(code));
    }
    const roles = async () =>
      Object.fromEntries(
        (await owner.as.query(api.organizations.members, {})).map((m) => [
          m.email,
          m.role,
        ]),
      );
    expect(await roles()).toEqual({
      [owner.row.email]: "owner",
      [admin.row.email]: "admin",
      [member.row.email]: "member",
      [other.row.email]: "member",
    });

    // What is allowed: an admin promotes a member to admin, an owner makes
    // another owner, and then one owner may demote the other.
    await admin.as.mutation(api.organizations.setRole, {
      memberId,
      role: "admin",
    });
    await owner.as.mutation(api.organizations.setRole, {
      memberId: otherId,
      role: "owner",
    });
    expect(await other.as.query(api.organizations.active, {})).toMatchObject({
      role: "owner",
      permissions: { organization: ["update", "delete"] },
    });
    await other.as.mutation(api.organizations.setRole, {
      memberId: ownerId,
      role: "member",
    });
    expect(await roles()).toEqual({
      [owner.row.email]: "member",
      [admin.row.email]: "admin",
      [member.row.email]: "admin",
      [other.row.email]: "owner",
    });
    // The one owner left can't be demoted: only an owner may, and that is them.
    await expect(
      member.as.mutation(api.organizations.setRole, {
        memberId: otherId,
        role: "admin",
      }),
    ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));
    expect((await roles())[other.row.email]).toBe("owner");

    const log = await t.run(
      async (ctx) => await ctx.db.query("auditLog").collect(),
    );
    const roleChanges = log.filter((entry) => entry.action === "org-role");
    expect(roleChanges.map((entry) => entry.details)).toEqual([
      expect.stringMatching(/^Acme \(org-\d+\): member → admin$/),
      expect.stringMatching(/: member → owner$/),
      expect.stringMatching(/: owner → member$/),
    ]);
    expect(roleChanges[0]).toMatchObject({
      actorEmail: admin.row.email,
      targetEmail: member.row.email,
    });
  });

  test("an owner hands ownership on and becomes an admin; nobody else can", async () => {
    const t = makeBackend();
    const [owner, admin, member] = [
      await person(t, "owner"),
      await person(t, "admin"),
      await person(t, "member"),
    ];
    await orgOf(owner);
    const adminId = await join(owner, admin, "admin");
    const memberId = await join(owner, member, "member");
    for (const who of [admin, member]) {
      await expect(
        who.as.mutation(api.organizations.transferOwnership, { memberId }),
      ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));
    }
    await expect(
      owner.as.mutation(api.organizations.transferOwnership, {
        memberId: await memberIdOf(owner, owner),
      }),
    ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));

    await owner.as.mutation(api.organizations.transferOwnership, {
      memberId: adminId,
    });
    expect((await admin.as.query(api.organizations.active, {}))?.role).toBe(
      "owner",
    );
    expect((await owner.as.query(api.organizations.active, {}))?.role).toBe(
      "admin",
    );
    // The former owner now has an admin's powers, not an owner's.
    await expect(
      owner.as.mutation(api.organizations.transferOwnership, { memberId }),
    ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));
    expect(await auditActions(t)).toContain("org-transfer");
  });

  test("projects: members create, only admins and owners delete", async () => {
    const t = makeBackend();
    const [owner, admin, member] = [
      await person(t, "owner"),
      await person(t, "admin"),
      await person(t, "member"),
    ];
    const orgId = await orgOf(owner);
    await join(owner, admin, "admin");
    await join(owner, member, "member");
    const byMember = await member.as.mutation(api.projects.create, {
      name: "Member's",
    });
    const byAdmin = await admin.as.mutation(api.projects.create, {
      name: "Admin's",
    });
    const byOwner = await owner.as.mutation(api.projects.create, {
      name: "Owner's",
    });
    await expect(
      member.as.mutation(api.projects.create, { name: "x".repeat(81) }),
    ).rejects.toSatisfy(hasCode("INVALID_INPUT"));
    expect(
      (await member.as.query(api.projects.list, {})).map((p) => p.name).sort(),
    ).toEqual(["Admin's", "Member's", "Owner's"]);
    expect(
      (await member.as.query(api.organizations.active, {}))?.permissions,
    ).toEqual({ project: ["create"] });

    await expect(
      member.as.mutation(api.projects.remove, { projectId: byMember }),
    ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));
    await admin.as.mutation(api.projects.remove, { projectId: byMember });
    await owner.as.mutation(api.projects.remove, { projectId: byAdmin });
    expect((await projectsOf(t, orgId)).map((p) => p._id)).toEqual([byOwner]);
  });

  test("renaming: admins and owners, within the name's rules; the slug stays", async () => {
    const t = makeBackend();
    const [owner, admin, member] = [
      await person(t, "owner"),
      await person(t, "admin"),
      await person(t, "member"),
    ];
    const orgId = await orgOf(owner, "Before");
    await join(owner, admin, "admin");
    await join(owner, member, "member");
    const { slug } = (await owner.as.query(api.organizations.active, {}))!;
    await expect(
      member.as.mutation(api.organizations.rename, { name: "Mine now" }),
    ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));
    await expect(
      admin.as.mutation(api.organizations.rename, { name: "x".repeat(61) }),
    ).rejects.toSatisfy(hasCode("INVALID_ORGANIZATION"));
    expect((await organization(t, orgId))?.name).toBe("Before");
    await admin.as.mutation(api.organizations.rename, { name: " After " });
    expect(await member.as.query(api.organizations.active, {})).toMatchObject({
      name: "After",
      slug,
    });
  });
});

describe("leaving and removal", () => {
  test("who may remove whom; a removed member loses access at their next call", async () => {
    const t = makeBackend();
    const [owner, admin, member, other] = [
      await person(t, "owner"),
      await person(t, "admin"),
      await person(t, "member"),
      await person(t, "other"),
    ];
    const orgId = await orgOf(owner);
    const adminId = await join(owner, admin, "admin");
    const memberId = await join(owner, member, "member");
    const otherId = await join(owner, other, "member");
    const ownerId = await memberIdOf(owner, owner);
    const refusals: [Person, string, string][] = [
      [member, otherId, "ORG_FORBIDDEN"],
      [admin, ownerId, "ORG_FORBIDDEN"],
      [admin, adminId, "ORG_FORBIDDEN"],
      [owner, ownerId, "ORG_FORBIDDEN"],
      [owner, "nobody", "NOT_FOUND"],
    ];
    for (const [who, target, code] of refusals) {
      await expect(
        who.as.mutation(api.organizations.removeMember, { memberId: target }),
      ).rejects.toSatisfy(hasCode(code));
    }
    expect((await organization(t, orgId))?.memberCount).toBe(4);

    // Subscribed a moment ago, with the same JWT: refused from the next call.
    expect(await member.as.query(api.projects.list, {})).toEqual([]);
    await admin.as.mutation(api.organizations.removeMember, { memberId });
    await expect(member.as.query(api.projects.list, {})).rejects.toSatisfy(
      hasCode("NOT_A_MEMBER"),
    );
    await expect(
      member.as.mutation(api.projects.create, { name: "Still here?" }),
    ).rejects.toSatisfy(hasCode("NOT_A_MEMBER"));
    expect(await member.as.query(api.organizations.active, {})).toBeNull();
    expect(await member.as.query(api.organizations.mine, {})).toEqual([]);
    await expect(
      member.as.mutation(api.organizations.setActive, {
        organizationId: orgId,
      }),
    ).rejects.toSatisfy(hasCode("NOT_FOUND"));
    expect((await organization(t, orgId))?.memberCount).toBe(3);

    // Leaving: a member may; the only owner may not.
    await other.as.mutation(api.organizations.leave, {});
    expect(await other.as.query(api.organizations.active, {})).toBeNull();
    expect((await organization(t, orgId))?.memberCount).toBe(2);
    await expect(
      owner.as.mutation(api.organizations.leave, {}),
    ).rejects.toSatisfy(hasCode("LAST_OWNER"));
    // With a second owner, the first may leave.
    await owner.as.mutation(api.organizations.setRole, {
      memberId: adminId,
      role: "owner",
    });
    await owner.as.mutation(api.organizations.leave, {});
    expect(await admin.as.query(api.organizations.members, {})).toEqual([
      expect.objectContaining({ email: admin.row.email, role: "owner" }),
    ]);
    expect((await organization(t, orgId))?.memberCount).toBe(1);
    expect(await auditActions(t)).toEqual([
      "org-create",
      ...["org-invite", "org-join"],
      ...["org-invite", "org-join"],
      ...["org-invite", "org-join"],
      "org-remove",
      "org-leave",
      "org-role",
      "org-leave",
    ]);
  });
});

describe("one organization's members never reach another's data", () => {
  test("whatever ids they send", async () => {
    const t = makeBackend();
    const [a, b, bMember] = [
      await person(t, "a"),
      await person(t, "b"),
      await person(t, "b-member"),
    ];
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
    const adminUser = newUser("admin");
    await t.action(internal.adminSetup.createAdminUser, adminUser);
    const adminCookie = (await signInSession(t, adminUser)).cookie;
    const [owner, member] = [
      await person(t, "owner"),
      await person(t, "member"),
    ];
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

describe("deleting an organization", () => {
  test("only an owner, typing its slug; everything of it goes, and its members are left with none active", async () => {
    const t = makeBackend();
    const [owner, admin, member] = [
      await person(t, "owner"),
      await person(t, "admin"),
      await person(t, "member"),
    ];
    const orgId = await orgOf(owner, "Doomed");
    const { slug } = (await owner.as.query(api.organizations.active, {}))!;
    await join(owner, admin, "admin");
    await join(owner, member, "member");
    await member.as.mutation(api.projects.create, { name: "One" });
    await admin.as.mutation(api.projects.create, { name: "Two" });
    const invitationId = await owner.as.mutation(api.invitations.invite, {
      email: "invited@example.com",
      role: "member",
    });
    const kept = await person(t, "kept");
    const keptOrg = await orgOf(kept, "Kept");
    await kept.as.mutation(api.projects.create, { name: "Kept" });

    for (const who of [admin, member]) {
      await expect(
        who.as.mutation(api.organizations.remove, { confirmSlug: slug }),
      ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));
    }
    await expect(
      owner.as.mutation(api.organizations.remove, { confirmSlug: "doomed" }),
    ).rejects.toSatisfy(hasCode("CONFIRMATION_MISMATCH"));
    expect(await organization(t, orgId)).not.toBeNull();

    await owner.as.mutation(api.organizations.remove, {
      confirmSlug: ` ${slug} `,
    });
    // At once: nobody's active organization, no access, not listed.
    expect(await organization(t, orgId)).toBeNull();
    for (const who of [owner, admin, member]) {
      expect(await who.as.query(api.organizations.active, {})).toBeNull();
      expect(await who.as.query(api.organizations.mine, {})).toEqual([]);
    }
    await expect(admin.as.query(api.projects.list, {})).rejects.toSatisfy(
      hasCode("NOT_A_MEMBER"),
    );
    expect(await t.query(api.invitations.preview, { invitationId })).toEqual({
      status: "notFound",
    });

    await finishScheduled(t);
    const where = [{ field: "organizationId", value: orgId }];
    expect(await orgRows(t, "member", where)).toEqual([]);
    expect(await orgRows(t, "invitation", where)).toEqual([]);
    expect(await projectsOf(t, orgId)).toEqual([]);
    // Another organization keeps everything.
    expect(await projectsOf(t, keptOrg)).toHaveLength(1);
    expect(await kept.as.query(api.organizations.members, {})).toHaveLength(1);
    // A sign-in afterwards opens no organization, and the slug is free again.
    const again = await asSession(t, await signInSession(t, member.user));
    expect(await again.query(api.organizations.active, {})).toBeNull();
    await owner.as.mutation(api.organizations.create, { name: "Reborn", slug });

    const log = await t.run(
      async (ctx) => await ctx.db.query("auditLog").collect(),
    );
    expect(log.find((entry) => entry.action === "org-delete")).toMatchObject({
      actorEmail: owner.row.email,
      details: `Doomed (${slug})`,
    });
  });
});

async function authUserExists(t: Backend, email: string): Promise<boolean> {
  return (await authRows(t, "user")).some((user) => user.email === email);
}

describe("deleting an account that owns organizations", () => {
  test("refused while the only owner of one with members; after handing it on, their lone organization goes with them", async () => {
    const t = makeBackend();
    const [owner, member] = [
      await person(t, "owner"),
      await person(t, "member"),
    ];
    const shared = await orgOf(owner, "Shared");
    const memberId = await join(owner, member, "member");
    const alone = await orgOf(owner, "Alone");
    await owner.as.mutation(api.projects.create, { name: "Lonely" });

    const refused = await authFetch(t, "/delete-user", {
      cookie: owner.session.cookie,
      body: { password: PASSWORD },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: "OWNS_ORGANIZATIONS",
      message: expect.stringContaining("Shared"),
    });
    expect(await authUserExists(t, owner.user.email)).toBe(true);
    expect(await appRowOf(t, owner.user.email)).toMatchObject({
      _id: owner.row._id,
    });
    expect(await organization(t, shared)).toMatchObject({ memberCount: 2 });
    expect(await organization(t, alone)).not.toBeNull();

    await owner.as.mutation(api.organizations.setActive, {
      organizationId: shared,
    });
    await owner.as.mutation(api.organizations.transferOwnership, { memberId });
    const deleted = await authFetch(t, "/delete-user", {
      cookie: owner.session.cookie,
      body: { password: PASSWORD },
    });
    expect(deleted.status).toBe(200);
    expect(await authUserExists(t, owner.user.email)).toBe(false);
    // At once: out of the shared one, counted out; the lone one is gone.
    expect(await organization(t, shared)).toMatchObject({ memberCount: 1 });
    expect(await organization(t, alone)).toBeNull();
    expect(
      (await member.as.query(api.organizations.members, {})).map(
        (m) => m.email,
      ),
    ).toEqual([member.row.email]);

    await finishScheduled(t);
    expect(
      await orgRows(t, "member", [
        { field: "userId", value: owner.row.authId },
      ]),
    ).toEqual([]);
    expect(await projectsOf(t, alone)).toEqual([]);
    expect(await member.as.query(api.organizations.active, {})).toMatchObject({
      id: shared,
      role: "owner",
    });
  });

  test("an admin's delete is refused the same way; a member's memberships go with them", async () => {
    const t = makeBackend();
    const adminUser = newUser("admin");
    await t.action(internal.adminSetup.createAdminUser, adminUser);
    const asAdmin = await asSession(t, await signInSession(t, adminUser));
    const [owner, other, member] = [
      await person(t, "owner"),
      await person(t, "other"),
      await person(t, "member"),
    ];
    const first = await orgOf(owner, "First");
    await join(owner, member, "member");
    const second = await orgOf(other, "Second");
    await join(other, member, "admin");
    // Two owners: either may go.
    const otherOwner = await person(t, "co-owner");
    await join(other, otherOwner, "owner");

    await expect(
      asAdmin.mutation(api.admin.deleteUser, { userId: owner.row._id }),
    ).rejects.toSatisfy(hasCode("OWNS_ORGANIZATIONS"));
    expect(await authUserExists(t, owner.user.email)).toBe(true);
    expect(await appRowOf(t, owner.user.email)).toBeTruthy();
    expect(await auditActions(t)).not.toContain("delete");

    await asAdmin.mutation(api.admin.deleteUser, { userId: member.row._id });
    expect(await organization(t, first)).toMatchObject({ memberCount: 1 });
    expect(await organization(t, second)).toMatchObject({ memberCount: 2 });
    expect(
      await orgRows(t, "member", [
        { field: "userId", value: member.row.authId },
      ]),
    ).toEqual([]);
    await asAdmin.mutation(api.admin.deleteUser, { userId: other.row._id });
    expect(await organization(t, second)).toMatchObject({ memberCount: 1 });
    expect(await otherOwner.as.query(api.organizations.members, {})).toEqual([
      expect.objectContaining({ role: "owner" }),
    ]);
  });
});

test("the audit log names every organization event", async () => {
  const t = makeBackend();
  const [owner, admin] = [await person(t, "owner"), await person(t, "admin")];
  const orgId = await orgOf(owner, "Logged");
  const adminId = await join(owner, admin, "member");
  await owner.as.mutation(api.organizations.setRole, {
    memberId: adminId,
    role: "admin",
  });
  await owner.as.mutation(api.organizations.transferOwnership, {
    memberId: adminId,
  });
  await owner.as.mutation(api.organizations.leave, {});
  const slug = (await admin.as.query(api.organizations.active, {}))!.slug;
  await admin.as.mutation(api.organizations.remove, { confirmSlug: slug });
  const log = await t.run(
    async (ctx) => await ctx.db.query("auditLog").collect(),
  );
  expect(
    log.map(({ action, actorEmail, targetEmail, details }) => ({
      action,
      actor: actorEmail,
      target: targetEmail,
      details,
    })),
  ).toEqual([
    {
      action: "org-create",
      actor: owner.row.email,
      target: owner.row.email,
      details: `Logged (${slug})`,
    },
    {
      action: "org-invite",
      actor: owner.row.email,
      target: admin.row.email,
      details: `Logged (${slug}): as member`,
    },
    {
      action: "org-join",
      actor: admin.row.email,
      target: admin.row.email,
      details: `Logged (${slug}): as member`,
    },
    {
      action: "org-role",
      actor: owner.row.email,
      target: admin.row.email,
      details: `Logged (${slug}): member → admin`,
    },
    {
      action: "org-transfer",
      actor: owner.row.email,
      target: admin.row.email,
      details: `Logged (${slug})`,
    },
    {
      action: "org-leave",
      actor: owner.row.email,
      target: owner.row.email,
      details: `Logged (${slug})`,
    },
    {
      action: "org-delete",
      actor: admin.row.email,
      target: admin.row.email,
      details: `Logged (${slug})`,
    },
  ]);
  expect(await organization(t, orgId)).toBeNull();
});
