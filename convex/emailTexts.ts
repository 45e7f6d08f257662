/**
 * What every email the app sends says: its words, apart from its layout
 * (convex/emails/templates.tsx) so the code that asks for an email reads
 * subjects without loading React.
 *
 * No email carries text a stranger could have chosen: not the account's
 * name (anyone can sign up any address with any name), not an
 * organization's or an inviter's name, not a browser's user agent. Only
 * the app's own words, and the link or code the app makes.
 */

import { v } from "convex/values";

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

const IGNORE = "If it wasn't you, ignore this email: nothing changes.";
/** A notice's advice when the change wasn't theirs. */
const SECURE =
  "If this wasn't you, someone else may be signed in to your account: choose a new password with the button above, which also signs out every other browser.";

export const EMAIL_TEXTS = {
  verifyAddress: {
    kind: "link",
    subject: "Verify your email address",
    heading: "Verify your email address",
    body: [
      "Confirm this address to finish creating your account and sign in. The link expires in one hour.",
    ],
    action: "Verify email address",
    why: "You got this email because an account was created with this address.",
    ifNotYou: `If you didn't create an account, ignore this email: without the link, nobody can use it.`,
  },
  alreadyHaveAccount: {
    kind: "link",
    subject: "You already have an account",
    heading: "You already have an account",
    body: [
      "Someone (hopefully you) tried to create an account with this address, which already has one. Sign in, or choose a new password if you've forgotten it.",
    ],
    action: "Reset your password",
    why: "You got this email because someone tried to sign up with this address.",
    ifNotYou: IGNORE,
  },
  resetPassword: {
    kind: "link",
    subject: "Reset your password",
    heading: "Reset your password",
    body: [
      "Choose a new password for your account. The link expires in one hour, and choosing one signs out every other browser.",
    ],
    action: "Choose a new password",
    why: "You got this email because someone asked to reset the password of the account with this address.",
    ifNotYou:
      "If you didn't ask, ignore this email: your password stays as it is.",
  },
  magicLink: {
    kind: "link",
    subject: "Your sign-in link",
    heading: "Sign in",
    body: [
      "Use this link to sign in. It expires in 5 minutes and works once, in the browser where you asked for it.",
    ],
    action: "Sign in",
    why: "You got this email because someone asked for a sign-in link for this address.",
    ifNotYou: IGNORE,
  },
  changeEmail: {
    kind: "link",
    subject: "Confirm your new email address",
    heading: "Confirm your new email address",
    body: [
      "Confirm this address to make it your account's new email. The link expires in one hour; until you open it, the account keeps its old address.",
    ],
    action: "Confirm new address",
    why: "You got this email because someone asked to move an account to this address.",
    ifNotYou: IGNORE,
  },
  passwordRemoved: {
    kind: "link",
    subject: "Your email address is confirmed",
    heading: "Your email address is confirmed",
    body: [
      "This account had a password that was set before the address was confirmed, so it was removed: only you can sign in now.",
      "To sign in with a password, choose one.",
    ],
    action: "Choose a password",
    why: "You got this email because this address was just confirmed for an account.",
    ifNotYou:
      "If you didn't confirm it, choose a password now with the button above.",
  },
  // Not the organization's name, nor the inviter's: both are chosen by
  // whoever invites, and anyone can invite any address. The page the link
  // opens shows them, on the app's own site.
  invitation: {
    kind: "link",
    subject: "You're invited to join an organization",
    heading: "You're invited to join an organization",
    body: [
      "Someone invited this address to join their organization. Open the invitation to see which one and to accept; sign in or create an account with this address. It expires in 48 hours.",
    ],
    action: "See the invitation",
    why: "You got this email because a member of an organization invited this address.",
    ifNotYou:
      "If you weren't expecting it, ignore this email: nothing happens unless you accept.",
  },

  // Security notices: sent to the account's own address after a change
  // made while signed in (convex/authRoutes.ts, `notify`).
  newSignIn: {
    kind: "link",
    subject: "New sign-in to your account",
    heading: "New sign-in from a new browser",
    body: [
      "Your account was just signed in to from a browser that hadn't signed in to it before.",
    ],
    action: "Secure your account",
    why: "You got this email because we tell you about every sign-in from a browser new to your account.",
    ifNotYou: `If it was you, there's nothing to do. ${SECURE}`,
  },
  passwordChanged: {
    kind: "link",
    subject: "Your password was changed",
    heading: "Your password was changed",
    body: ["The password of your account was just changed."],
    action: "Secure your account",
    why: "You got this email because we tell you about every password change.",
    ifNotYou: `If it was you, there's nothing to do. ${SECURE}`,
  },
  emailChanged: {
    kind: "link",
    subject: "Your account's email address was changed",
    heading: "Your email address was changed",
    body: [
      "Your account's email address was just changed: this address no longer signs in to it, and its emails now go to the new address.",
    ],
    action: "Open the app",
    why: "You got this email because this was the account's address until now.",
    ifNotYou:
      "If you didn't make this change, someone else had access to your account: contact the app's administrator, and don't wait.",
  },
  twoFactorDisabled: {
    kind: "link",
    subject: "Two-factor authentication was turned off",
    heading: "Two-factor authentication was turned off",
    body: ["Your account no longer asks for an authenticator code at sign-in."],
    action: "Secure your account",
    why: "You got this email because we tell you whenever a sign-in protection is removed.",
    ifNotYou: `If it was you, there's nothing to do. ${SECURE}`,
  },
  passkeyAdded: {
    kind: "link",
    subject: "A passkey was added to your account",
    heading: "A passkey was added",
    body: ["A new passkey can now sign in to your account."],
    action: "Secure your account",
    why: "You got this email because we tell you whenever a way to sign in is added.",
    ifNotYou: `If it was you, there's nothing to do. ${SECURE} Then remove the passkey in Settings.`,
  },

  // One-time codes by email (convex/emailCodes.ts).
  signInCode: {
    kind: "code",
    subject: "Your sign-in code",
    heading: "Your sign-in code",
    body: ["Type this code where you asked for it to sign in."],
    why: "You got this email because someone asked for a sign-in code for this address.",
    ifNotYou: IGNORE,
  },
  verifyAddressCode: {
    kind: "code",
    subject: "Your verification code",
    heading: "Verify your email address",
    body: ["Type this code where you asked for it to confirm this address."],
    why: "You got this email because someone asked to confirm this address for an account.",
    ifNotYou: IGNORE,
  },
} satisfies Record<string, EmailText>;

/** Every email's name: the registry of templates. */
export type EmailTemplate = keyof typeof EMAIL_TEXTS;

/** Emails about one link: the action. */
export type LinkProps = { link: string };
/** Emails carrying a one-time code, typed where it was asked for. */
export type CodeProps = { code: string };

/** The props a template takes: `{ link }` or `{ code }`. */
export type EmailProps<Name extends EmailTemplate> =
  (typeof EMAIL_TEXTS)[Name]["kind"] extends "code" ? CodeProps : LinkProps;

const templateNames = Object.keys(EMAIL_TEXTS) as EmailTemplate[];

/** Any template's name, for function arguments. */
export const vEmailTemplate = v.union(
  ...templateNames.map((name) => v.literal(name)),
);
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
