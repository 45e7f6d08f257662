/**
 * Admins viewing the app as a user, to help them ("impersonation").
 *
 * Better Auth's admin plugin starts a view (`/admin/impersonate-user`: a new
 * session for the user, marked `impersonatedBy` the admin, lasting
 * IMPERSONATION_MINUTES) and stops it (`/admin/stop-impersonating`: back to
 * the admin's own session); convex/adminPlugin.ts configures it and refuses
 * account and sign-in changes meanwhile. Here:
 *
 * - the `session` triggers write the start and the end of every view to the
 *   audit log, in the same transaction as the session itself, and schedule
 *   the view's end, so it ends on time even if the tab is gone;
 * - `current` tells the SPA whose view it is, for its banner.
 */
import { v } from "convex/values";
import { appError, type Detail } from "./errors";
import { internal } from "./_generated/api";
import { internalMutation, query, type MutationCtx } from "./_generated/server";
import { audit } from "./audit";
import { deleteAuthRow } from "./authData";
import { getCaller } from "./authorization";
import { appUserByAuthId } from "./model/users";

/** The fields of a Better Auth session the triggers read. */
export type AuthSession = {
  _id: string;
  userId: string;
  expiresAt: number;
  createdAt: number;
  impersonatedBy?: string | null;
};

function refuse(detail: Detail): never {
  throw appError("FORBIDDEN", detail);
}

/** The app rows of a view's admin and user (null for either if missing). */
async function viewRows(ctx: MutationCtx, session: AuthSession) {
  return {
    admin: await appUserByAuthId(ctx, session.impersonatedBy ?? ""),
    user: await appUserByAuthId(ctx, session.userId),
  };
}

/**
 * session.onCreate. The plugin has already checked both roles on the auth
 * users; this checks the app rows too, and throwing here means no session.
 */
export async function recordImpersonationStart(
  ctx: MutationCtx,
  session: AuthSession,
): Promise<void> {
  if (!session.impersonatedBy) return;
  const { admin, user } = await viewRows(ctx, session);
  if (!admin || admin.role !== "admin" || admin.disabled) {
    refuse({ key: "view_by_admin_only" });
  }
  if (!user || user.role === "admin") {
    refuse({ key: "view_admin" });
  }
  await audit(
    ctx,
    admin,
    "impersonate",
    user,
    `until ${new Date(session.expiresAt).toISOString()}`,
  );
  await ctx.scheduler.runAt(session.expiresAt, internal.impersonation.end, {
    sessionId: session._id,
  });
}

/** session.onDelete: "Stop", sign-out, or the scheduled end below. */
export async function recordImpersonationEnd(
  ctx: MutationCtx,
  session: AuthSession,
): Promise<void> {
  if (!session.impersonatedBy) return;
  const { admin, user } = await viewRows(ctx, session);
  // Deleted meanwhile: that deletion is in the log already.
  if (!admin || !user) return;
  const expired = Date.now() >= session.expiresAt;
  const minutes = Math.round((Date.now() - session.createdAt) / 60_000);
  await audit(
    ctx,
    admin,
    expired ? "impersonate-expired" : "impersonate-stop",
    user,
    `after ${minutes} min`,
  );
}

/**
 * Ends a view at its time. Better Auth would only refuse the expired session
 * on its next use; deleting it signs the tab out at once (its queries read
 * the session) and logs the end.
 */
export const end = internalMutation({
  args: { sessionId: v.string() },
  handler: async (ctx, { sessionId }) => {
    await deleteAuthRow(ctx, "session", sessionId);
  },
});

/**
 * Whose view this is, for the SPA's banner: null for a user's own session.
 * Public without a builder, like `users:me`: signed out is an answer (null).
 */
export const current = query({
  args: {},
  handler: async (ctx) => {
    const caller = await getCaller(ctx);
    if (!caller?.impersonation) return null;
    return {
      userId: caller.user._id,
      name: caller.user.name,
      email: caller.user.email,
      adminEmail: caller.impersonation.admin.email,
      endsAt: caller.impersonation.endsAt,
    };
  },
});
