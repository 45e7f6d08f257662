/**
 * How long email records are kept. The Resend component keeps every email it
 * sent until the app clears it (its README: retention is the app's job), and
 * the dev mailbox holds sign-in links; both are cleared on a schedule
 * (convex/crons.ts).
 */
import { components, internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";

const DAY = 24 * 60 * 60 * 1000;
/** Delivered, bounced or cancelled emails: kept a week for support questions. */
export const FINISHED_EMAIL_RETENTION_MS = 7 * DAY;
/** Emails that never finished (usually a bug worth a look): four weeks. */
export const ABANDONED_EMAIL_RETENTION_MS = 28 * DAY;
/** Dev-mailbox rows: their links expire within an hour anyway. */
export const DEV_MAILBOX_RETENTION_MS = DAY;
const DEV_MAILBOX_BATCH = 500;

/** Starts the clean-up; each part goes on in bounded batches of its own. */
export const clearOldEmails = internalMutation({
  args: {},
  handler: async (ctx): Promise<null> => {
    await ctx.scheduler.runAfter(0, components.resend.lib.cleanupOldEmails, {
      olderThan: FINISHED_EMAIL_RETENTION_MS,
    });
    await ctx.scheduler.runAfter(
      0,
      components.resend.lib.cleanupAbandonedEmails,
      { olderThan: ABANDONED_EMAIL_RETENTION_MS },
    );
    await ctx.scheduler.runAfter(0, internal.retention.clearDevMailbox, {});
    return null;
  },
});

/** One batch of expired dev-mailbox rows; reschedules until none are left. */
export const clearDevMailbox = internalMutation({
  args: {},
  handler: async (ctx): Promise<number> => {
    const expired = await ctx.db
      .query("devMailbox")
      .withIndex("by_creation_time", (q) =>
        q.lt("_creationTime", Date.now() - DEV_MAILBOX_RETENTION_MS),
      )
      .take(DEV_MAILBOX_BATCH);
    for (const row of expired) await ctx.db.delete("devMailbox", row._id);
    if (expired.length === DEV_MAILBOX_BATCH) {
      await ctx.scheduler.runAfter(0, internal.retention.clearDevMailbox, {});
    }
    return expired.length;
  },
});
