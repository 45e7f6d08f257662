/**
 * What every email the app sends says. No email carries text a stranger
 * could have chosen (not even the account's name: anyone can sign up any
 * address with any name), only the app's own words and the one link.
 */
export type EmailText = { subject: string; text: string };

export const EMAIL_TEXTS = {
  verifyAddress: {
    subject: "Verify your email address",
    text: "Open this link to verify your email address and sign in. It expires in one hour. If you didn't create an account, ignore this email.",
  },
  alreadyHaveAccount: {
    subject: "You already have an account",
    text: "Someone (hopefully you) tried to create an account with this email address, which already has one. Sign in, or reset your password if you've forgotten it. If it wasn't you, you can ignore this email.",
  },
  resetPassword: {
    subject: "Reset your password",
    text: "Open this link to choose a new password. It expires in one hour. If you did not ask for it, ignore this email.",
  },
  magicLink: {
    subject: "Your sign-in link",
    text: "Open this link to sign in. It expires in 5 minutes. If you did not ask for it, ignore this email.",
  },
  passwordRemoved: {
    subject: "Your email address is confirmed",
    text: "Your email address is now confirmed. This account had a password that was set before the address was confirmed, so it was removed: only you can sign in now. To sign in with a password, choose one with the link below.",
  },
  // One-time codes (convex/emailCodes.ts): the code follows the text.
  signInCode: {
    subject: "Your sign-in code",
    text: "Enter this code on the sign-in page to sign in. It expires in 5 minutes and works once. If you did not ask for it, ignore this email: nobody can sign in without it.",
  },
  verifyAddressCode: {
    subject: "Your verification code",
    text: "Enter this code to verify your email address and sign in. It expires in 5 minutes and works once. If you didn't create an account, ignore this email.",
  },
  // Not the organization's name, nor the inviter's: both are chosen by
  // whoever invites, and anyone can invite any address. The page the link
  // opens shows them, on the app's own site.
  invitation: {
    subject: "You're invited to join an organization",
    text: "Someone invited this address to join their organization. Open the link to see which one and to accept; sign in or create an account with this address. It expires in 48 hours. If you weren't expecting it, ignore this email.",
  },
} satisfies Record<string, EmailText>;
