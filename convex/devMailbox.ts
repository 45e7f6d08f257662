/**
 * The dev mailbox: where emails go when RESEND_API_KEY is not set.
 * Every function here is internal: a browser can never read a reset link.
 * Operators read it with `npx convex run devMailbox:latest '{"to":"…"}'`.
 */
import { v } from "convex/values";
import { internalMutation, internalQuery } from "./_generated/server";
import { emailDelivery } from "./env";

const emailFields = {
  to: v.string(),
  subject: v.string(),
  text: v.string(),
  link: v.string(),
};

export const record = internalMutation({
  args: emailFields,
  handler: async (ctx, email) => {
    // Never capture real users' mail: only local development without a
    // provider uses the mailbox (emailDelivery throws on a deployed app).
    if (emailDelivery().kind !== "devMailbox") {
      throw new Error("The dev mailbox is off while RESEND_API_KEY is set.");
    }
    const to = email.to.trim().toLowerCase();
    await ctx.db.insert("devMailbox", { ...email, to });
    // The link itself carries a token (a JWT for verification): it stays out
    // of the logs and is read through the internal query instead.
    console.log(
      `[dev mailbox] to ${to}: "${email.subject}". Read it: npx convex run devMailbox:latest '{"to":"${to}"}'`,
    );
  },
});

/** The newest email to an address, or null. */
export const latest = internalQuery({
  args: { to: v.string() },
  handler: async (ctx, { to }) => {
    return await ctx.db
      .query("devMailbox")
      .withIndex("by_to", (q) => q.eq("to", to.trim().toLowerCase()))
      .order("desc")
      .first();
  },
});

/** The newest emails to an address (at most 20), newest first. */
export const list = internalQuery({
  args: { to: v.string() },
  handler: async (ctx, { to }) => {
    return await ctx.db
      .query("devMailbox")
      .withIndex("by_to", (q) => q.eq("to", to.trim().toLowerCase()))
      .order("desc")
      .take(20);
  },
});
