/**
 * Turns a template and its props into what a mail carries: subject, HTML
 * and the plain-text part, all from the one React Email template, in the
 * recipient's language.
 *
 * Runs only in an action (convex/mailer.ts), never where an email is
 * asked for: React's server renderer (react-dom/server, under
 * @react-email/render) schedules its work with `setTimeout`, which Convex
 * refuses in queries and mutations. docs/emails.md has the details.
 */
import { render } from "@react-email/render";
import {
  emailText,
  type CodeProps,
  type EmailTemplate,
  type LinkProps,
} from "../emailTexts";
import { baseLocale, type Locale } from "../locales";
import { emailElement } from "./templates";

export type RenderedEmail = { subject: string; html: string; text: string };

/** The email `name` with `props`, in `locale` (the base one by default). */
export async function renderEmail(
  name: EmailTemplate,
  props: LinkProps | CodeProps,
  locale: Locale = baseLocale,
): Promise<RenderedEmail> {
  const element = emailElement(name, props, locale);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true }),
  ]);
  return {
    subject: emailText(name, locale).subject,
    html,
    text: text.trim(),
  };
}
