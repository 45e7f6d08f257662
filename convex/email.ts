import { Resend } from "@convex-dev/resend";
import { components, internal } from "./_generated/api";
import type { ActionCtx, MutationCtx } from "./_generated/server";
import { resendConfig } from "./env";

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  /** The one link the email is about (verification, reset, …). */
  link: string;
};

/**
 * Sends an email through Resend when RESEND_API_KEY is set; otherwise writes
 * it to the dev mailbox (convex/devMailbox.ts) so local development works
 * without an email provider.
 */
export async function sendEmail(
  ctx: MutationCtx | ActionCtx,
  email: OutgoingEmail,
): Promise<void> {
  const config = resendConfig();
  if (!config) {
    await ctx.runMutation(internal.devMailbox.record, email);
    return;
  }
  const resend = new Resend(components.resend, {
    apiKey: config.apiKey,
    testMode: false,
  });
  await resend.sendEmail(ctx, {
    from: config.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: renderHtml(email),
  });
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[
        c
      ] ?? c,
  );
}

function renderHtml(email: OutgoingEmail): string {
  const text = escapeHtml(email.text).replace(/\n/g, "<br>");
  const link = escapeHtml(email.link);
  return `<p>${text}</p><p><a href="${link}">${link}</a></p>`;
}
