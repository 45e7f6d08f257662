import { Resend } from "@convex-dev/resend";
import { components, internal } from "./_generated/api";
import { authRefusal } from "./authInput";
import type { ActionCtx, MutationCtx } from "./_generated/server";
import {
  ConfigError,
  emailDelivery,
  resendWebhookSecret,
  type EmailDelivery,
} from "./env";

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  /** The one link the email is about (verification, reset, …). */
  link: string;
};

/**
 * How email goes out, or a 503 the caller can read: email is not configured
 * on a deployed app. The log gets the fix (an operator reads it there).
 */
export function requireEmailDelivery(): EmailDelivery {
  try {
    return emailDelivery();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[email] ${error.message}`);
    throw authRefusal("SERVICE_UNAVAILABLE", "EMAIL_NOT_CONFIGURED");
  }
}

/** False on a deployed app without Resend (see emailDelivery). */
export function canDeliverEmail(): boolean {
  try {
    emailDelivery();
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends an email through Resend when RESEND_API_KEY is set; otherwise, in
 * local development only, writes it to the dev mailbox (convex/devMailbox.ts).
 */
export async function sendEmail(
  ctx: MutationCtx | ActionCtx,
  email: OutgoingEmail,
): Promise<void> {
  const delivery = requireEmailDelivery();
  if (delivery.kind === "devMailbox") {
    await ctx.runMutation(internal.devMailbox.record, email);
    return;
  }
  const resend = new Resend(components.resend, {
    apiKey: delivery.apiKey,
    testMode: false,
  });
  await resend.sendEmail(ctx, {
    from: delivery.from,
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

/**
 * Resend's delivery events (delivered, bounced, complained…), checked
 * against RESEND_WEBHOOK_SECRET and recorded by the Resend component. Point a
 * webhook in Resend's dashboard at `<deployment>.convex.site/resend-webhook`.
 */
export async function handleResendWebhook(
  ctx: ActionCtx,
  request: Request,
): Promise<Response> {
  const webhookSecret = resendWebhookSecret();
  if (!webhookSecret) {
    console.error(
      "[email] A Resend webhook arrived but RESEND_WEBHOOK_SECRET is not set. Copy the signing secret of the webhook in Resend's dashboard, then run: npx convex env set RESEND_WEBHOOK_SECRET whsec_…",
    );
    return new Response("Webhook secret not configured", { status: 503 });
  }
  const resend = new Resend(components.resend, { webhookSecret });
  try {
    return await resend.handleResendEventWebhook(ctx, request);
  } catch (error) {
    // A bad signature is the sender's problem; anything else is ours (500,
    // and Resend retries).
    if (error instanceof Error && error.name === "WebhookVerificationError") {
      return new Response("Invalid signature", { status: 401 });
    }
    throw error;
  }
}
