/**
 * Organizations through their Convex functions (convex/organizations.ts,
 * convex/projects.ts, the orgQuery/orgMutation builders in
 * convex/authorization.ts): creating and switching, the organization a new
 * sign-in opens, the rules between roles, leaving and removal, and the audit
 * log of it all. Isolation between organizations and an admin's view:
 * tests/organizations.isolation.test.ts; deleting an organization or an
 * account that owns one: tests/organizations.accountDeletion.test.ts;
 * invitations: tests/organizations.invitations.test.ts.
 */
import { describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import {
  asSession,
  hasCode,
  makeBackend,
  signInSession,
} from "./support/backend";
import {
  auditActions,
  auditLog,
  join,
  memberIdOf,
  orgOf,
  orgRows,
  organization,
  people,
  person,
  projectsOf,
  type Person,
} from "./support/organizations";
import { seedSessions } from "./support/readFigures";

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
    const [ada, bob] = await people(t, "ada", "bob");
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
    const [ada, bob] = await people(t, "ada", "bob");
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
    const [owner, admin, member, other] = await people(
      t,
      "owner",
      "admin",
      "member",
      "other",
    );
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

    const log = await auditLog(t);
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
    const [owner, admin, member] = await people(t, "owner", "admin", "member");
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
    const [owner, admin, member] = await people(t, "owner", "admin", "member");
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
    const [owner, admin, member] = await people(t, "owner", "admin", "member");
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
    const [owner, admin, member, other] = await people(
      t,
      "owner",
      "admin",
      "member",
      "other",
    );
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

test("the audit log names every organization event", async () => {
  const t = makeBackend();
  const [owner, admin] = await people(t, "owner", "admin");
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
  const log = await auditLog(t);
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
