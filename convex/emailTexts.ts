/**
 * What every email the app sends says: its words, apart from its layout
 * (convex/emails/templates.tsx) so the code that asks for an email reads
 * subjects without loading React. The words themselves are messages
 * (messages/<locale>/emails.json), in the recipient's language.
 *
 * No email carries text a stranger could have chosen: not the account's
 * name (anyone can sign up any address with any name), not an
 * organization's or an inviter's name, not a browser's user agent. Only
 * the app's own words, and the link or code the app makes.
 */

import { v } from "convex/values";
import { m } from "../src/paraglide/messages.js";
import { locales, type Locale } from "./locales";

/** An email about one link (the action), or one carrying a one-time code. */
export type EmailText = {
  kind: "link" | "code";
  subject: string;
  heading: string;
  body: string[];
  /** The button's label (link emails). */
  action?: string;
  /** Why the person got it. */
  why: string;
  /** What to do if they didn't ask. */
  ifNotYou: string;
};

/** One-time codes expire after five minutes (the emailOTP plugin's setting). */
export const CODE_MINUTES = 5;

/** Every template's kind: the registry of templates. */
const EMAIL_KINDS = {
  verifyAddress: "link",
  alreadyHaveAccount: "link",
  resetPassword: "link",
  magicLink: "link",
  changeEmail: "link",
  passwordRemoved: "link",
  invitation: "link",
  // Security notices: sent to the account's own address after a change
  // made while signed in (convex/authRoutes.ts, `notify`).
  newSignIn: "link",
  passwordChanged: "link",
  emailChanged: "link",
  twoFactorDisabled: "link",
  passkeyAdded: "link",
  // One-time codes by email (convex/emailCodes.ts).
  signInCode: "code",
  verifyAddressCode: "code",
} as const;

/** Every email's name. */
export type EmailTemplate = keyof typeof EMAIL_KINDS;

type Options = { locale: Locale };
type Words = Omit<EmailText, "kind">;

/**
 * Each template's words in one language, from messages/<locale>/emails.json
 * (Paraglide, compiled into src/paraglide by `npm run i18n`).
 */
const EMAIL_WORDS: Record<EmailTemplate, (o: Options) => Words> = {
  verifyAddress: (o) => ({
    subject: m.email_verify_address_subject({}, o),
    heading: m.email_verify_address_heading({}, o),
    body: [m.email_verify_address_body({}, o)],
    action: m.email_verify_address_action({}, o),
    why: m.email_verify_address_why({}, o),
    ifNotYou: m.email_verify_address_if_not_you({}, o),
  }),
  alreadyHaveAccount: (o) => ({
    subject: m.email_already_have_account_subject({}, o),
    heading: m.email_already_have_account_heading({}, o),
    body: [m.email_already_have_account_body({}, o)],
    action: m.email_already_have_account_action({}, o),
    why: m.email_already_have_account_why({}, o),
    ifNotYou: m.email_if_not_you_ignore({}, o),
  }),
  resetPassword: (o) => ({
    subject: m.email_reset_password_subject({}, o),
    heading: m.email_reset_password_heading({}, o),
    body: [m.email_reset_password_body({}, o)],
    action: m.email_reset_password_action({}, o),
    why: m.email_reset_password_why({}, o),
    ifNotYou: m.email_reset_password_if_not_you({}, o),
  }),
  magicLink: (o) => ({
    subject: m.email_magic_link_subject({}, o),
    heading: m.email_magic_link_heading({}, o),
    body: [m.email_magic_link_body({}, o)],
    action: m.email_magic_link_action({}, o),
    why: m.email_magic_link_why({}, o),
    ifNotYou: m.email_if_not_you_ignore({}, o),
  }),
  changeEmail: (o) => ({
    subject: m.email_change_email_subject({}, o),
    heading: m.email_change_email_heading({}, o),
    body: [m.email_change_email_body({}, o)],
    action: m.email_change_email_action({}, o),
    why: m.email_change_email_why({}, o),
    ifNotYou: m.email_if_not_you_ignore({}, o),
  }),
  passwordRemoved: (o) => ({
    subject: m.email_password_removed_subject({}, o),
    heading: m.email_password_removed_heading({}, o),
    body: [
      m.email_password_removed_body({}, o),
      m.email_password_removed_body_choose({}, o),
    ],
    action: m.email_password_removed_action({}, o),
    why: m.email_password_removed_why({}, o),
    ifNotYou: m.email_password_removed_if_not_you({}, o),
  }),
  // Not the organization's name, nor the inviter's: both are chosen by
  // whoever invites, and anyone can invite any address. The page the link
  // opens shows them, on the app's own site.
  invitation: (o) => ({
    subject: m.email_invitation_subject({}, o),
    heading: m.email_invitation_heading({}, o),
    body: [m.email_invitation_body({}, o)],
    action: m.email_invitation_action({}, o),
    why: m.email_invitation_why({}, o),
    ifNotYou: m.email_invitation_if_not_you({}, o),
  }),
  newSignIn: (o) => ({
    subject: m.email_new_sign_in_subject({}, o),
    heading: m.email_new_sign_in_heading({}, o),
    body: [m.email_new_sign_in_body({}, o)],
    action: m.email_secure_action({}, o),
    why: m.email_new_sign_in_why({}, o),
    ifNotYou: m.email_if_not_you_secure({}, o),
  }),
  passwordChanged: (o) => ({
    subject: m.email_password_changed_subject({}, o),
    heading: m.email_password_changed_heading({}, o),
    body: [m.email_password_changed_body({}, o)],
    action: m.email_secure_action({}, o),
    why: m.email_password_changed_why({}, o),
    ifNotYou: m.email_if_not_you_secure({}, o),
  }),
  emailChanged: (o) => ({
    subject: m.email_email_changed_subject({}, o),
    heading: m.email_email_changed_heading({}, o),
    body: [m.email_email_changed_body({}, o)],
    action: m.email_email_changed_action({}, o),
    why: m.email_email_changed_why({}, o),
    ifNotYou: m.email_email_changed_if_not_you({}, o),
  }),
  twoFactorDisabled: (o) => ({
    subject: m.email_two_factor_disabled_subject({}, o),
    heading: m.email_two_factor_disabled_heading({}, o),
    body: [m.email_two_factor_disabled_body({}, o)],
    action: m.email_secure_action({}, o),
    why: m.email_two_factor_disabled_why({}, o),
    ifNotYou: m.email_if_not_you_secure({}, o),
  }),
  passkeyAdded: (o) => ({
    subject: m.email_passkey_added_subject({}, o),
    heading: m.email_passkey_added_heading({}, o),
    body: [m.email_passkey_added_body({}, o)],
    action: m.email_secure_action({}, o),
    why: m.email_passkey_added_why({}, o),
    ifNotYou: m.email_passkey_added_if_not_you({}, o),
  }),
  signInCode: (o) => ({
    subject: m.email_sign_in_code_subject({}, o),
    heading: m.email_sign_in_code_heading({}, o),
    body: [m.email_sign_in_code_body({}, o)],
    why: m.email_sign_in_code_why({}, o),
    ifNotYou: m.email_if_not_you_ignore({}, o),
  }),
  verifyAddressCode: (o) => ({
    subject: m.email_verify_address_code_subject({}, o),
    heading: m.email_verify_address_code_heading({}, o),
    body: [m.email_verify_address_code_body({}, o)],
    why: m.email_verify_address_code_why({}, o),
    ifNotYou: m.email_if_not_you_ignore({}, o),
  }),
};

/** What the email `name` says in `locale`. */
export function emailText(name: EmailTemplate, locale: Locale): EmailText {
  return { kind: EMAIL_KINDS[name], ...EMAIL_WORDS[name]({ locale }) };
}

/** Emails about one link: the action. */
export type LinkProps = { link: string };
/** Emails carrying a one-time code, typed where it was asked for. */
export type CodeProps = { code: string };

/** The props a template takes: `{ link }` or `{ code }`. */
export type EmailProps<Name extends EmailTemplate> =
  (typeof EMAIL_KINDS)[Name] extends "code" ? CodeProps : LinkProps;

const templateNames = Object.keys(EMAIL_KINDS) as EmailTemplate[];

/** Any template's name, for function arguments. */
export const vEmailTemplate = v.union(
  ...templateNames.map((name) => v.literal(name)),
);
/** A language an email can be written in (convex/locales.ts). */
export const vLocale = v.union(...locales.map((locale) => v.literal(locale)));
/** Any template's props: a link, or a one-time code. */
export const vEmailProps = v.union(
  v.object({ link: v.string() }),
  v.object({ code: v.string() }),
);

/** The security notices: each goes to an account's own address. */
export type SecurityNotice =
  | "newSignIn"
  | "passwordChanged"
  | "emailChanged"
  | "twoFactorDisabled"
  | "passkeyAdded";
