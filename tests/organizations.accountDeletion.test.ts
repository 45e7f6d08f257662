/**
 * Deleting an organization (organizations:remove): only an owner, typing its
 * slug; its rows go and its members are left with none active. Deleting an
 * account that owns organizations, by the user or by an admin: refused while
 * they are the only owner of one with members; otherwise their lone
 * organizations and their memberships go with them. Deleting one of 20,000
 * rows: tests/organizations.deletion.test.ts.
 */
import { describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import {
  appRowOf,
  asSession,
  authFetch,
  authRows,
  finishScheduled,
  hasCode,
  makeBackend,
  PASSWORD,
  signInSession,
  type Backend,
} from "./support/backend";
import {
  auditActions,
  auditLog,
  join,
  orgOf,
  orgRows,
  organization,
  people,
  person,
  projectsOf,
  siteAdmin,
} from "./support/organizations";

describe("deleting an organization", () => {
  test("only an owner, typing its slug; everything of it goes, and its members are left with none active", async () => {
    const t = makeBackend();
    const [owner, admin, member] = await people(t, "owner", "admin", "member");
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

    const log = await auditLog(t);
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
    const [owner, member] = await people(t, "owner", "member");
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
    const asAdmin = await asSession(t, await siteAdmin(t));
    const [owner, other, member] = await people(t, "owner", "other", "member");
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
