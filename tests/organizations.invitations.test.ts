/**
 * Invitations (convex/invitations.ts): the email and its link, the public
 * preview, accepting once with the invited and verified address, expiry,
 * resending, cancelling, declining, and the rate limits on invitation
 * emails (convex/rateLimits.ts).
 */
import { describe, expect, test } from "vitest";
import { api, components, internal } from "../convex/_generated/api";
import { INVITATION_HOURS } from "../convex/invitations";
import {
  asSession,
  authFetch,
  finishScheduled,
  hasCode,
  makeBackend,
  newUser,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";
import {
  auditLog,
  invitationRows,
  join,
  orgOf,
  people,
  person,
  type InvitationRow,
  type Person,
} from "./support/organizations";

/** The dev mailbox's emails to `to`, newest first. */
async function mailsTo(t: Backend, to: string) {
  return await t.query(internal.devMailbox.list, { to });
}

/** Changes an invitation row as the tests need (its expiry, say). */
async function setInvitation(
  t: Backend,
  id: string,
  update: Partial<InvitationRow>,
): Promise<void> {
  await t.run(async (ctx) => {
    await ctx.runMutation(components.betterAuth.adapter.updateOne, {
      input: {
        model: "invitation",
        where: [{ field: "_id", value: id }],
        update,
      },
    });
  });
}

describe("inviting", () => {
  test("emails a link to /invitation/<id> that names neither the organization nor the inviter", async () => {
    const t = makeBackend();
    const owner = await person(t, "owner");
    await orgOf(owner, "Zanzibar Widgets");
    const email = "Invitee.Person@Example.com";
    const id = await owner.as.mutation(api.invitations.invite, {
      email,
      role: "admin",
    });
    const [mail, ...older] = await mailsTo(t, email);
    expect(older).toEqual([]);
    expect(mail).toMatchObject({
      to: "invitee.person@example.com",
      link: `${SITE_URL}/invitation/${id}`,
    });
    await finishScheduled(t);
    const rendered = (await mailsTo(t, email))[0]!;
    expect(rendered.html).toContain(`${SITE_URL}/invitation/${id}`);
    for (const text of [mail!.subject, rendered.text, rendered.html]) {
      expect(text).not.toContain("Zanzibar");
      expect(text).not.toContain(owner.user.name);
      expect(text).not.toContain(owner.row.email);
    }
    expect(await owner.as.query(api.invitations.list, {})).toEqual([
      expect.objectContaining({
        id,
        email: "invitee.person@example.com",
        role: "admin",
        expired: false,
      }),
    ]);
    const [row] = await invitationRows(t);
    expect(row!.expiresAt - Date.now()).toBeGreaterThan(
      (INVITATION_HOURS - 1) * 3_600_000,
    );
    const log = await auditLog(t);
    expect(log.at(-1)).toMatchObject({
      action: "org-invite",
      actorEmail: owner.row.email,
      targetEmail: "invitee.person@example.com",
      details: expect.stringMatching(
        /^Zanzibar Widgets \(org-\d+\): as admin$/,
      ),
    });
  });

  test("who may invite whom; re-inviting a pending address updates that invitation", async () => {
    const t = makeBackend();
    const [owner, admin, member] = await people(t, "owner", "admin", "member");
    await orgOf(owner, "Acme");
    await join(owner, admin, "admin");
    await join(owner, member, "member");
    const refusals: [Person, string, string, string][] = [
      [owner, member.row.email.toUpperCase(), "member", "ALREADY_MEMBER"],
      [owner, "not an address", "member", "INVALID_INPUT"],
      [owner, "new@example.com", "boss", "INVALID_ROLE"],
      [admin, "new@example.com", "owner", "ORG_FORBIDDEN"],
      [member, "new@example.com", "member", "ORG_FORBIDDEN"],
    ];
    for (const [who, email, role, code] of refusals) {
      await expect(
        who.as.mutation(api.invitations.invite, { email, role }),
        `${who.user.name} invites ${email} as ${role}`,
      ).rejects.toSatisfy(hasCode(code));
    }
    await expect(member.as.query(api.invitations.list, {})).rejects.toSatisfy(
      hasCode("ORG_FORBIDDEN"),
    );
    expect(await invitationRows(t)).toHaveLength(2);

    const first = await admin.as.mutation(api.invitations.invite, {
      email: "new@example.com",
      role: "member",
    });
    await setInvitation(t, first, { expiresAt: Date.now() + 60_000 });
    const second = await owner.as.mutation(api.invitations.invite, {
      email: "NEW@example.com",
      role: "owner",
    });
    expect(second).toBe(first);
    const pending = (await invitationRows(t)).filter(
      (row) => row.status === "pending",
    );
    expect(pending).toEqual([
      expect.objectContaining({ _id: first, role: "owner" }),
    ]);
    expect(pending[0]!.expiresAt - Date.now()).toBeGreaterThan(3_600_000);
    expect(await mailsTo(t, "new@example.com")).toHaveLength(2);
    // An admin can't resend an owner's invitation; the owner can.
    await expect(
      admin.as.mutation(api.invitations.resend, { invitationId: first }),
    ).rejects.toSatisfy(hasCode("ORG_FORBIDDEN"));
  });
  test("re-inviting finds the pending invitation however many others are pending", async () => {
    const t = makeBackend();
    const owner = await person(t, "owner");
    const orgId = await orgOf(owner, "Busy");
    // 200 pending invitations (the most one list reads, LIST_LIMIT), older.
    await t.run(async (ctx) => {
      for (let i = 0; i < 200; i++) {
        await ctx.runMutation(components.betterAuth.adapter.create, {
          input: {
            model: "invitation",
            data: {
              organizationId: orgId,
              email: `earlier${i}@example.com`,
              role: "member",
              status: "pending",
              expiresAt: Date.now() + 3_600_000,
              createdAt: Date.now(),
              inviterId: owner.row.authId,
            },
          },
        });
      }
    });
    const first = await owner.as.mutation(api.invitations.invite, {
      email: "late@example.com",
      role: "member",
    });
    const again = await owner.as.mutation(api.invitations.invite, {
      email: "late@example.com",
      role: "admin",
    });
    expect(again).toBe(first);
    expect(
      (await invitationRows(t)).filter(
        (row) => row.email === "late@example.com",
      ),
    ).toEqual([expect.objectContaining({ _id: first, role: "admin" })]);
  });
});

describe("the invitation page", () => {
  test("previews for the signed out, the invited address, another address, and an unknown id", async () => {
    const t = makeBackend();
    const [owner, invited, stranger] = await people(
      t,
      "owner",
      "invited",
      "stranger",
    );
    const orgId = await orgOf(owner, "Acme");
    const invitationId = await owner.as.mutation(api.invitations.invite, {
      email: invited.row.email,
      role: "admin",
    });
    const shown = {
      status: "pending",
      organizationName: "Acme",
      role: "admin",
    };
    expect(await t.query(api.invitations.preview, { invitationId })).toEqual({
      ...shown,
      forCaller: null,
      invitedEmail: null,
      alreadyMember: false,
    });
    expect(
      await invited.as.query(api.invitations.preview, { invitationId }),
    ).toEqual({
      ...shown,
      forCaller: true,
      invitedEmail: invited.row.email,
      alreadyMember: false,
    });
    const other = await stranger.as.query(api.invitations.preview, {
      invitationId,
    });
    expect(other).toMatchObject({ ...shown, forCaller: false });
    expect(other.invitedEmail).toBe(`i•••@example.com`);
    expect(
      await owner.as.query(api.invitations.preview, { invitationId }),
    ).toMatchObject({ forCaller: false, alreadyMember: true });
    for (const unknown of ["nonsense", orgId]) {
      expect(
        await invited.as.query(api.invitations.preview, {
          invitationId: unknown,
        }),
      ).toEqual({ status: "notFound" });
    }
    expect(await invited.as.query(api.invitations.mine, {})).toEqual([
      { id: invitationId, organizationName: "Acme", role: "admin" },
    ]);
    expect(await stranger.as.query(api.invitations.mine, {})).toEqual([]);
  });
});

describe("accepting", () => {
  test("the invited, verified address joins once with the role; nobody else can use it", async () => {
    const t = makeBackend();
    const [owner, invited, stranger] = await people(
      t,
      "owner",
      "invited",
      "stranger",
    );
    const orgId = await orgOf(owner, "Acme");
    const invitationId = await owner.as.mutation(api.invitations.invite, {
      email: invited.row.email,
      role: "admin",
    });
    await expect(
      stranger.as.mutation(api.invitations.accept, { invitationId }),
    ).rejects.toSatisfy(hasCode("INVITATION_OTHER_EMAIL"));
    await expect(
      stranger.as.mutation(api.invitations.decline, { invitationId }),
    ).rejects.toSatisfy(hasCode("INVITATION_OTHER_EMAIL"));
    // An unverified address (say, from a provider that doesn't vouch for
    // it) can't accept.
    await t.run(async (ctx) => {
      await ctx.db.patch("users", invited.row._id, { emailVerified: false });
    });
    await expect(
      invited.as.mutation(api.invitations.accept, { invitationId }),
    ).rejects.toSatisfy(hasCode("EMAIL_NOT_VERIFIED"));
    await t.run(async (ctx) => {
      await ctx.db.patch("users", invited.row._id, { emailVerified: true });
    });
    expect(await invited.as.query(api.organizations.active, {})).toBeNull();

    expect(
      await invited.as.mutation(api.invitations.accept, { invitationId }),
    ).toBe(orgId);
    expect(await invited.as.query(api.organizations.active, {})).toMatchObject({
      id: orgId,
      role: "admin",
      memberCount: 2,
    });
    expect(await invited.as.query(api.projects.list, {})).toEqual([]);
    await expect(
      invited.as.mutation(api.invitations.accept, { invitationId }),
    ).rejects.toSatisfy(hasCode("INVITATION_USED"));
    await expect(
      invited.as.mutation(api.invitations.decline, { invitationId }),
    ).rejects.toSatisfy(hasCode("INVITATION_USED"));
    expect(
      await invited.as.query(api.invitations.preview, { invitationId }),
    ).toMatchObject({ status: "accepted", alreadyMember: true });
    expect(await invited.as.query(api.invitations.mine, {})).toEqual([]);
    expect(await owner.as.query(api.invitations.list, {})).toEqual([]);
    expect(
      (await owner.as.query(api.organizations.members, {})).map((m) => m.role),
    ).toEqual(["owner", "admin"]);
    const log = await auditLog(t);
    expect(log.map((entry) => entry.action)).toEqual([
      "org-create",
      "org-invite",
      "org-join",
    ]);
    expect(log[2]).toMatchObject({
      actorEmail: invited.row.email,
      details: expect.stringMatching(/: as admin$/),
    });
  });

  test("cancelled, expired and declined invitations can't be accepted; a resent one can", async () => {
    const t = makeBackend();
    const [owner, invited] = await people(t, "owner", "invited");
    await orgOf(owner, "Acme");
    const invite = async () =>
      await owner.as.mutation(api.invitations.invite, {
        email: invited.row.email,
        role: "member",
      });
    const accept = (invitationId: string) =>
      invited.as.mutation(api.invitations.accept, { invitationId });

    const cancelled = await invite();
    await owner.as.mutation(api.invitations.cancel, {
      invitationId: cancelled,
    });
    await expect(accept(cancelled)).rejects.toSatisfy(
      hasCode("INVITATION_NOT_FOUND"),
    );
    expect(
      await invited.as.query(api.invitations.preview, {
        invitationId: cancelled,
      }),
    ).toEqual({ status: "notFound" });
    await expect(
      owner.as.mutation(api.invitations.resend, { invitationId: cancelled }),
    ).rejects.toSatisfy(hasCode("INVITATION_NOT_FOUND"));

    const declined = await invite();
    expect(declined).not.toBe(cancelled);
    await invited.as.mutation(api.invitations.decline, {
      invitationId: declined,
    });
    await expect(accept(declined)).rejects.toSatisfy(
      hasCode("INVITATION_USED"),
    );
    expect(
      await invited.as.query(api.invitations.preview, {
        invitationId: declined,
      }),
    ).toMatchObject({ status: "rejected" });

    const expiring = await invite();
    await setInvitation(t, expiring, { expiresAt: Date.now() - 1 });
    await expect(accept(expiring)).rejects.toSatisfy(
      hasCode("INVITATION_EXPIRED"),
    );
    expect(
      await invited.as.query(api.invitations.preview, {
        invitationId: expiring,
      }),
    ).toMatchObject({ status: "expired" });
    expect(await invited.as.query(api.invitations.mine, {})).toEqual([]);
    expect(await owner.as.query(api.invitations.list, {})).toEqual([
      expect.objectContaining({ id: expiring, expired: true }),
    ]);

    const mailsBefore = (await mailsTo(t, invited.row.email)).length;
    await owner.as.mutation(api.invitations.resend, {
      invitationId: expiring,
    });
    const mails = await mailsTo(t, invited.row.email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails[0]!.link).toBe(`${SITE_URL}/invitation/${expiring}`);
    expect(await accept(expiring)).toBeTruthy();
    expect(await invited.as.query(api.organizations.active, {})).toMatchObject({
      role: "member",
    });
  });

  test("someone new signs up with the invited address and accepts", async () => {
    const t = makeBackend();
    const owner = await person(t, "owner");
    const orgId = await orgOf(owner, "Acme");
    const user = newUser("newcomer");
    const invitationId = await owner.as.mutation(api.invitations.invite, {
      email: user.email,
      role: "member",
    });
    // Signed out, the page shows the invitation but not to whom.
    expect(
      await t.query(api.invitations.preview, { invitationId }),
    ).toMatchObject({ status: "pending", forCaller: null, invitedEmail: null });
    const newcomer = await asSession(t, await signUp(t, user));
    expect(await newcomer.query(api.invitations.mine, {})).toEqual([
      { id: invitationId, organizationName: "Acme", role: "member" },
    ]);
    expect(
      await newcomer.mutation(api.invitations.accept, { invitationId }),
    ).toBe(orgId);
    expect(await newcomer.query(api.organizations.active, {})).toMatchObject({
      id: orgId,
      memberCount: 2,
    });
  });
});

describe("invitation emails are rate limited", () => {
  test("an inviter's 21st invitation in an hour is refused and writes nothing", async () => {
    const t = makeBackend();
    const owner = await person(t, "owner");
    await orgOf(owner, "Acme");
    for (let i = 0; i < 20; i++) {
      await owner.as.mutation(api.invitations.invite, {
        email: `invitee${i}@example.com`,
        role: "member",
      });
    }
    await expect(
      owner.as.mutation(api.invitations.invite, {
        email: "one-too-many@example.com",
        role: "member",
      }),
    ).rejects.toSatisfy(hasCode("RATE_LIMITED"));
    expect(await invitationRows(t)).toHaveLength(20);
    expect(await mailsTo(t, "one-too-many@example.com")).toEqual([]);
    // The limit is the inviter's: another inviter is not held back.
    const other = await person(t, "other");
    await orgOf(other, "Other");
    await other.as.mutation(api.invitations.invite, {
      email: "one-too-many@example.com",
      role: "member",
    });
    expect(await mailsTo(t, "one-too-many@example.com")).toHaveLength(1);
  });

  test("the sixth email an hour to one address is refused, whoever sends it, auth emails included", async () => {
    const t = makeBackend();
    const [owner, other] = await people(t, "owner", "other");
    await orgOf(owner, "Acme");
    await orgOf(other, "Other");
    const email = "popular@example.com";
    const invitationId = await owner.as.mutation(api.invitations.invite, {
      email,
      role: "member",
    });
    for (let i = 0; i < 4; i++) {
      await owner.as.mutation(api.invitations.resend, { invitationId });
    }
    expect(await mailsTo(t, email)).toHaveLength(5);
    const expiresAt = (await invitationRows(t))[0]!.expiresAt;
    await expect(
      owner.as.mutation(api.invitations.resend, { invitationId }),
    ).rejects.toSatisfy(hasCode("RATE_LIMITED"));
    await expect(
      other.as.mutation(api.invitations.invite, { email, role: "member" }),
    ).rejects.toSatisfy(hasCode("RATE_LIMITED"));
    // The same bucket as the auth routes' emails.
    const signUpAttempt = await authFetch(t, "/sign-up/email", {
      body: { ...newUser(), email },
    });
    expect(signUpAttempt.status).toBe(429);
    expect(await mailsTo(t, email)).toHaveLength(5);
    expect(await invitationRows(t)).toEqual([
      expect.objectContaining({ _id: invitationId, expiresAt }),
    ]);
  });
});
