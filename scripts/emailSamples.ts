/**
 * Sample props for every template: what `npm run email:preview` renders and
 * what tests/emails.test.ts snapshots. A new template without a sample
 * fails to typecheck here.
 */
import type { CodeProps, EmailTemplate, LinkProps } from "../convex/emailTexts";

const SITE = "http://localhost:5173";
const token = "sample-token-0123456789";

export const SAMPLE_PROPS = {
  verifyAddress: { link: `${SITE}/verify-email?token=${token}` },
  alreadyHaveAccount: { link: `${SITE}/forgot-password` },
  resetPassword: {
    link: `http://127.0.0.1:3211/api/auth/reset-password/${token}?callbackURL=${encodeURIComponent(`${SITE}/reset-password`)}`,
  },
  magicLink: { link: `${SITE}/magic-link?token=${token}` },
  changeEmail: { link: `${SITE}/verify-email?token=${token}` },
  passwordRemoved: { link: `${SITE}/forgot-password` },
  invitation: { link: `${SITE}/invitation/sample-invitation-id` },
  newSignIn: { link: `${SITE}/forgot-password` },
  passwordChanged: { link: `${SITE}/forgot-password` },
  emailChanged: { link: `${SITE}/sign-in` },
  twoFactorDisabled: { link: `${SITE}/forgot-password` },
  passkeyAdded: { link: `${SITE}/forgot-password` },
  signInCode: { code: "482913" },
  verifyAddressCode: { code: "750264" },
} satisfies Record<EmailTemplate, LinkProps | CodeProps>;

/** Every template with its sample, in the registry's order. */
export const EMAIL_SAMPLES = Object.entries(SAMPLE_PROPS) as [
  EmailTemplate,
  LinkProps | CodeProps,
][];
