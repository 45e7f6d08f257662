/**
 * Invitations by email. An owner or admin invites an address with a role;
 * the email links to the SPA's invitation page (/invitation/<id>), where the
 * person signs in or signs up with that address and accepts. Accepting
 * needs the invited address, verified, and happens once: the membership and
 * the invitation's new status are one transaction.
 *
 * The email names neither the organization nor the inviter (both are
 * chosen by whoever invites, and anyone can invite any address). Each one
 * takes from the inviter's and the recipient's buckets (convex/rateLimits.ts).
 */
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { query } from "./_generated/server";
import { auditOrg } from "./audit";
import {
  getCaller,
  orgMutation,
  orgQuery,
  refuseDuringView,
  userMutation,
  type OrgCaller,
} from "./authorization";
import { sendEmail, userLocale } from "./email";
import { siteUrl } from "./env";
import { appError } from "./errors";
import {
  insertRow,
  invitationById,
  membership,
  organizationById,
  pendingInvitations,
  pendingInvitationsFor,
  setSessionOrganization,
  updateRow,
  type InvitationRow,
} from "./model/organizations";
import { isOrgRole } from "./orgAccess";
import { refuseTooManyMemberships } from "./organizations";
import { limitInvitationEmail } from "./rateLimits";
import { emailIssue, normalizeEmail } from "./validation";

export const INVITATION_HOURS = 48;
const INVITATION_MS = INVITATION_HOURS * 60 * 60 * 1000;

function isExpired(invitation: InvitationRow): boolean {
  return invitation.expiresAt <= Date.now();
}

/**
 * Mails the invitation in the invitee's language if they have an account
 * (`invitee`, else looked up by address), else in the inviter's.
 */
async function sendInvitation(
  ctx: MutationCtx & OrgCaller,
  invitation: { _id: string; email: string },
  invitee?: Doc<"users"> | null,
): Promise<void> {
  await limitInvitationEmail(ctx, ctx.user._id, invitation.email);
  const account =
    invitee !== undefined
      ? invitee
      : await ctx.db
          .query("users")
          .withIndex("by_email", (q) => q.eq("email", invitation.email))
          .unique();
  await sendEmail(ctx, {
    to: invitation.email,
    template: "invitation",
    props: {
      link: `${siteUrl()}/invitation/${encodeURIComponent(invitation._id)}`,
    },
    locale: userLocale(account?.locale ? account : ctx.user),
  });
}

/** The active organization's pending invitations (expired ones marked). */
export const list = orgQuery({
  args: {},
  permission: { invitation: "create" },
  handler: async (ctx) => {
    const rows = await pendingInvitations(ctx, ctx.org._id);
    return rows
      .map((invitation) => ({
        id: invitation._id,
        email: invitation.email,
        role: invitation.role ?? "member",
        expiresAt: invitation.expiresAt,
        expired: isExpired(invitation),
      }))
      .sort((a, b) => b.expiresAt - a.expiresAt);
  },
});

/**
 * Invites an address with a role. Inviting an address with a pending
 * invitation sends that one again, with the new role and a new expiry.
 */
export const invite = orgMutation({
  args: { email: v.string(), role: v.string() },
  permission: { invitation: "create" },
  handler: async (ctx, args) => {
    const problem = emailIssue(args.email);
    if (problem) throw appError("INVALID_INPUT", problem);
    const email = normalizeEmail(args.email);
    if (!isOrgRole(args.role)) throw appError("INVALID_ROLE");
    if (args.role === "owner" && ctx.member.role !== "owner") {
      throw appError("ORG_FORBIDDEN", { key: "invite_owner_by_owner" });
    }
    const invitee = await ctx.db
      .query("users")
      .withIndex("by_email", (q) => q.eq("email", email))
      .unique();
    if (invitee && (await membership(ctx, ctx.org._id, invitee.authId))) {
      throw appError("ALREADY_MEMBER");
    }
    const expiresAt = Date.now() + INVITATION_MS;
    // By address: an organization may have any number pending.
    const pending = (await pendingInvitationsFor(ctx, email)).find(
      (invitation) => invitation.organizationId === ctx.org._id,
    );
    const invitation = pending
      ? { ...pending, role: args.role, expiresAt }
      : await insertRow(ctx, "invitation", {
          organizationId: ctx.org._id,
          email,
          role: args.role,
          status: "pending",
          expiresAt,
          createdAt: Date.now(),
          inviterId: ctx.user.authId,
        });
    if (pending) {
      await updateRow(ctx, "invitation", pending._id, {
        role: args.role,
        expiresAt,
        inviterId: ctx.user.authId,
      });
    }
    await sendInvitation(ctx, invitation, invitee);
    await auditOrg(
      ctx,
      ctx.user,
      "org-invite",
      ctx.org,
      { email },
      `as ${args.role}`,
    );
    return invitation._id;
  },
});

async function pendingInOrg(
  ctx: QueryCtx & OrgCaller,
  invitationId: string,
): Promise<InvitationRow> {
  const invitation = await invitationById(ctx, invitationId);
  if (
    !invitation ||
    invitation.organizationId !== ctx.org._id ||
    invitation.status !== "pending"
  ) {
    throw appError("INVITATION_NOT_FOUND");
  }
  return invitation;
}

/** Sends a pending invitation again, with a new expiry. */
export const resend = orgMutation({
  args: { invitationId: v.string() },
  permission: { invitation: "create" },
  handler: async (ctx, { invitationId }) => {
    const invitation = await pendingInOrg(ctx, invitationId);
    if (invitation.role === "owner" && ctx.member.role !== "owner") {
      throw appError("ORG_FORBIDDEN", { key: "invite_owner_by_owner" });
    }
    await updateRow(ctx, "invitation", invitation._id, {
      expiresAt: Date.now() + INVITATION_MS,
    });
    await sendInvitation(ctx, invitation);
  },
});

export const cancel = orgMutation({
  args: { invitationId: v.string() },
  permission: { invitation: "cancel" },
  handler: async (ctx, { invitationId }) => {
    const invitation = await pendingInOrg(ctx, invitationId);
    await updateRow(ctx, "invitation", invitation._id, { status: "canceled" });
  },
});

/** "a•••@example.com": enough to tell which address, not to harvest it. */
function maskedEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

/**
 * What the invitation page shows. Only the link's holder knows the id; the
 * page says nothing about accounts: not whether the invited address has
 * one, only whether the signed-in caller is the invited address.
 */
export const preview = query({
  args: { invitationId: v.string() },
  handler: async (ctx, { invitationId }) => {
    const invitation = await invitationById(ctx, invitationId);
    const org =
      invitation && (await organizationById(ctx, invitation.organizationId));
    if (!invitation || !org || invitation.status === "canceled") {
      return { status: "notFound" as const };
    }
    const caller = await getCaller(ctx);
    const status =
      invitation.status === "pending" && isExpired(invitation)
        ? ("expired" as const)
        : (invitation.status as "pending" | "accepted" | "rejected");
    return {
      status,
      organizationName: org.name,
      role: invitation.role ?? "member",
      // null: signed out. Whether the caller can accept it.
      forCaller: caller ? caller.user.email === invitation.email : null,
      invitedEmail:
        caller && caller.user.email !== invitation.email
          ? maskedEmail(invitation.email)
          : caller
            ? invitation.email
            : null,
      alreadyMember: caller
        ? (await membership(ctx, org._id, caller.user.authId)) !== null
        : false,
    };
  },
});

/** The caller's pending invitations, for the organization page. */
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const caller = await getCaller(ctx);
    if (!caller) return [];
    const shown = [];
    for (const invitation of await pendingInvitationsFor(
      ctx,
      caller.user.email,
    )) {
      if (isExpired(invitation)) continue;
      const org = await organizationById(ctx, invitation.organizationId);
      if (!org) continue;
      shown.push({
        id: invitation._id,
        organizationName: org.name,
        role: invitation.role ?? "member",
      });
    }
    return shown;
  },
});

/** An invitation the caller may answer: theirs, pending, in time. */
async function answerable(
  ctx: QueryCtx,
  user: Doc<"users">,
  invitationId: string,
): Promise<InvitationRow> {
  const invitation = await invitationById(ctx, invitationId);
  if (!invitation || invitation.status === "canceled") {
    throw appError("INVITATION_NOT_FOUND");
  }
  if (invitation.email !== user.email) throw appError("INVITATION_OTHER_EMAIL");
  if (invitation.status !== "pending") throw appError("INVITATION_USED");
  if (isExpired(invitation)) throw appError("INVITATION_EXPIRED");
  return invitation;
}

/** Joins the organization, once, and makes it the active one. */
export const accept = userMutation({
  args: { invitationId: v.string() },
  handler: async (ctx, { invitationId }) => {
    refuseDuringView(ctx);
    const invitation = await answerable(ctx, ctx.user, invitationId);
    if (!ctx.user.emailVerified) throw appError("EMAIL_NOT_VERIFIED");
    const org = await organizationById(ctx, invitation.organizationId);
    if (!org) throw appError("INVITATION_NOT_FOUND");
    const role =
      invitation.role && isOrgRole(invitation.role)
        ? invitation.role
        : "member";
    if (!(await membership(ctx, org._id, ctx.user.authId))) {
      await refuseTooManyMemberships(ctx, ctx.user.authId);
      await insertRow(ctx, "member", {
        organizationId: org._id,
        userId: ctx.user.authId,
        role,
        createdAt: Date.now(),
      });
      await updateRow(ctx, "organization", org._id, {
        memberCount: org.memberCount + 1,
      });
      await auditOrg(ctx, ctx.user, "org-join", org, ctx.user, `as ${role}`);
    }
    await updateRow(ctx, "invitation", invitation._id, { status: "accepted" });
    await setSessionOrganization(ctx, ctx.session.id, org._id);
    return org._id;
  },
});

export const decline = userMutation({
  args: { invitationId: v.string() },
  handler: async (ctx, { invitationId }) => {
    refuseDuringView(ctx);
    const invitation = await answerable(ctx, ctx.user, invitationId);
    await updateRow(ctx, "invitation", invitation._id, { status: "rejected" });
  },
});
