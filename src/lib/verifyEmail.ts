import { describeAuthError } from "@/lib/authErrors";
import { jwtClaims } from "@/lib/jwtClaims";
import { loadAuthClient } from "@/lib/lazyAuthClient";

export type Outcome = {
  error: string | null;
  signedIn: boolean;
  /** The account has a password set before the address was confirmed. */
  askAboutPassword?: boolean;
  /** The link was a change of address, to this one: the page says so. */
  emailChangedTo?: string;
};

/**
 * The new address a change-of-email link carries (Better Auth puts it in
 * the token as `updateTo`), or undefined for a sign-up's link. Read only to
 * word the confirmation; the server checks the token.
 */
export function changedEmailIn(token: string): string | undefined {
  const updateTo = jwtClaims(token)?.updateTo;
  return typeof updateTo === "string" ? updateTo : undefined;
}

/** Headers answering the question about a password set before verification. */
export type Answer = Record<string, string>;

/** Opens an emailed verification link (with the headers of an answer, if asked). */
export async function verify(
  token: string,
  headers: Answer = {},
): Promise<Outcome> {
  // This page is where an emailed link lands: the auth client starts
  // loading with it (it isn't in the first bundle).
  const authClient = await loadAuthClient();
  const { error } = await authClient.verifyEmail({
    query: { token },
    fetchOptions: { headers },
  });
  return await outcomeOf(error, changedEmailIn(token));
}

/** Verifies an address with the emailed code instead of the link. */
export async function verifyWithCode(
  email: string,
  otp: string,
  headers: Answer = {},
): Promise<Outcome> {
  const authClient = await loadAuthClient();
  const { error } = await authClient.emailOtp.verifyEmail({
    email,
    otp,
    fetchOptions: { headers },
  });
  return await outcomeOf(error);
}

async function outcomeOf(
  error: { code?: string } | null,
  emailChangedTo?: string,
): Promise<Outcome> {
  if (error?.code === "CONFIRM_SIGN_UP_PASSWORD") {
    return { error: null, signedIn: false, askAboutPassword: true };
  }
  if (error) {
    return {
      error: describeAuthError(error),
      signedIn: false,
      askAboutPassword: error.code === "SIGN_UP_PASSWORD_MISMATCH",
    };
  }
  const authClient = await loadAuthClient();
  const { data } = await authClient.getSession();
  return { error: null, signedIn: Boolean(data), emailChangedTo };
}
