/**
 * Renders and sends one email, scheduled by `sendEmail` (convex/email.ts).
 *
 * An action in Convex's default runtime, not a mutation: React's server
 * renderer needs `setTimeout`, which only actions may use. Not a Node
 * action either: the renderer's edge build needs only web APIs the default
 * runtime has (docs/emails.md). Scheduling also keeps the render's time
 * out of the request that asked for the email, so an auth route answers
 * as fast whether or not it mailed.
 */
import { Resend } from "@convex-dev/resend";
import { v } from "convex/values";
import { components, internal } from "./_generated/api";
import { internalAction } from "./_generated/server";
import { emailDelivery } from "./env";
import { renderEmail } from "./emails/render";
import { vEmailProps, vEmailTemplate, vLocale } from "./emailTexts";

export const send = internalAction({
  args: {
    to: v.string(),
    template: vEmailTemplate,
    props: vEmailProps,
    /** The recipient's language (the base one when absent). */
    locale: v.optional(vLocale),
    /** Set in local development: the dev mailbox row to fill in. */
    mailboxId: v.optional(v.id("devMailbox")),
  },
  handler: async (ctx, { to, template, props, locale, mailboxId }) => {
    const rendered = await renderEmail(template, props, locale);
    if (mailboxId) {
      await ctx.runMutation(internal.devMailbox.attachBody, {
        id: mailboxId,
        html: rendered.html,
        text: rendered.text,
      });
      return;
    }
    const delivery = emailDelivery();
    if (delivery.kind !== "resend") return;
    const resend = new Resend(components.resend, {
      apiKey: delivery.apiKey,
      testMode: false,
    });
    await resend.sendEmail(ctx, {
      from: delivery.from,
      to,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    });
  },
});
