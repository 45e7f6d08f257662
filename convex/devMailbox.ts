/**
 * The dev mailbox: where emails go when RESEND_API_KEY is not set, in local
 * development only (`emailDelivery`, convex/env.ts).
 *
 * Writing is internal. Reading:
 * - Operators: `npx convex run devMailbox:latest '{"to":"…"}'` (internal).
 * - The SPA's /dev/mailbox page (src/pages/DevMailbox.tsx): `inbox` and
 *   `available` are public, but answer only on a local deployment (SITE_URL
 *   and the deployment both on loopback, `isLocalDeployment`), decided here
 *   and never by the client. There, anyone who can reach the app can read
 *   every sign-in link in it: acceptable only because such a deployment is
 *   this machine's own, with throwaway accounts. Everywhere else they refuse.
 */
import { v } from "convex/values";
import { appError } from "./errors";
import { internal } from "./_generated/api";
import { internalMutation, internalQuery, query } from "./_generated/server";
import { vEmailProps, vEmailTemplate, vLocale } from "./emailTexts";
import { emailDelivery, isLocalDeployment } from "./env";

/** How many mails the page lists (the newest). */
const INBOX_SIZE = 50;

/**
 * Keeps a mail at once (address, subject, link: what a developer or a test
 * reads first), then has its HTML and text rendered (convex/mailer.ts).
 */
export const record = internalMutation({
  args: {
    to: v.string(),
    subject: v.string(),
    template: vEmailTemplate,
    props: vEmailProps,
    /** The recipient's language, for the rendering. */
    locale: v.optional(vLocale),
  },
  handler: async (ctx, email) => {
    // Never capture real users' mail: only local development without a
    // provider uses the mailbox (emailDelivery throws on a deployed app).
    if (emailDelivery().kind !== "devMailbox") {
      throw new Error("The dev mailbox is off while RESEND_API_KEY is set.");
    }
    const to = email.to.trim().toLowerCase();
    const link = "link" in email.props ? email.props.link : "";
    const id = await ctx.db.insert("devMailbox", {
      to,
      subject: email.subject,
      template: email.template,
      link,
    });
    await ctx.scheduler.runAfter(0, internal.mailer.send, {
      to,
      template: email.template,
      props: email.props,
      locale: email.locale,
      mailboxId: id,
    });
    // The link itself carries a token (a JWT for verification): it stays out
    // of the logs and is read through the mailbox instead.
    console.log(
      `[dev mailbox] to ${to}: "${email.subject}". Read it: npx convex run devMailbox:latest '{"to":"${to}"}'`,
    );
  },
});

/** The rendered parts of a mail `record` kept. */
export const attachBody = internalMutation({
  args: { id: v.id("devMailbox"), html: v.string(), text: v.string() },
  handler: async (ctx, { id, html, text }) => {
    // Cleared meanwhile (retention): nothing to fill.
    if (!(await ctx.db.get("devMailbox", id))) return;
    await ctx.db.patch("devMailbox", id, { html, text });
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

/** Whether this deployment has a mailbox page: the SPA links to it only then. */
export const available = query({
  args: {},
  handler: async (): Promise<boolean> => isLocalDeployment(),
});

export type DevMail = {
  id: string;
  to: string;
  subject: string;
  link: string;
  /** The rendered email, once the render action has run. */
  html: string | null;
  text: string | null;
  /** When it was sent, ms since the epoch. */
  sentAt: number;
};

/**
 * The newest mails to anyone, newest first, for /dev/mailbox. Refuses
 * (NOT_FOUND) unless this is a local deployment: see the top of the file.
 */
export const inbox = query({
  args: {},
  handler: async (ctx): Promise<DevMail[]> => {
    if (!isLocalDeployment())
      throw appError("NOT_FOUND", { key: "dev_mailbox_local_only" });
    const mails = await ctx.db
      .query("devMailbox")
      .order("desc")
      .take(INBOX_SIZE);
    return mails.map((mail) => ({
      id: mail._id,
      to: mail.to,
      subject: mail.subject,
      link: mail.link,
      html: mail.html ?? null,
      text: mail.text ?? null,
      sentAt: mail._creationTime,
    }));
  },
});
