import type { GenericEndpointContext } from "@better-auth/core";
import { Resend } from "@convex-dev/resend";
import { components, internal } from "./_generated/api";
import { authRefusal } from "./authInput";
import type { GenericCtx } from "@convex-dev/better-auth";
import type { DataModel } from "./_generated/dataModel";
import type { ActionCtx } from "./_generated/server";
import {
  emailText,
  type CodeProps,
  type EmailProps,
  type EmailTemplate,
  type LinkProps,
} from "./emailTexts";
import {
  ConfigError,
  emailDelivery,
  resendWebhookSecret,
  type EmailDelivery,
} from "./env";
import { baseLocale, localeOf, type Locale } from "./locales";

/** An email to send: which template, with which props, to whom. */
export type OutgoingEmail<Name extends EmailTemplate = EmailTemplate> = {
  to: string;
  template: Name;
  props: EmailProps<Name>;
  /** The recipient's language (the base one if they have none). */
  locale?: Locale;
};

/**
 * A user's language for their email: the `locale` field of a Better Auth
 * user or of the app `users` row; the base language without one.
 */
export function userLocale(user: object | null | undefined): Locale {
  return localeOf(user && "locale" in user ? user.locale : undefined);
}

/**
 * The language of whoever owns `email`, for a mail sent to an address only
 * (a sign-in link or code): one indexed read of the auth user by address,
 * the base language without an account (or outside a request).
 */
export async function localeOfAddress(
  request: GenericEndpointContext | null | undefined,
  email: string,
): Promise<Locale> {
  if (!request) return baseLocale;
  const found = await request.context.internalAdapter.findUserByEmail(email);
  return userLocale(found?.user);
}

/** What sending needs: mutations and actions (HTTP ones too) have it. */
export type MailCtx = Pick<ActionCtx, "runMutation" | "scheduler">;

/** Better Auth's context, where its callbacks send email (never a query). */
export function mailCtx(ctx: GenericCtx<DataModel>): MailCtx {
  if ("scheduler" in ctx && "runMutation" in ctx) return ctx;
  throw new Error("Email is sent from mutations and actions only.");
}

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
 * Either way the rendering happens in a scheduled action (convex/mailer.ts):
 * here, only the request for it is written, in the caller's transaction.
 * It is written in `email.locale`, the recipient's language.
 */
export async function sendEmail<Name extends EmailTemplate>(
  ctx: MailCtx,
  email: OutgoingEmail<Name>,
): Promise<void> {
  const delivery = requireEmailDelivery();
  const to = email.to;
  const template: EmailTemplate = email.template;
  const props: LinkProps | CodeProps = email.props;
  const locale = email.locale ?? baseLocale;
  if (delivery.kind === "devMailbox") {
    await ctx.runMutation(internal.devMailbox.record, {
      to,
      template,
      props,
      locale,
      subject: emailText(template, locale).subject,
    });
    return;
  }
  await ctx.scheduler.runAfter(0, internal.mailer.send, {
    to,
    template,
    props,
    locale,
  });
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
