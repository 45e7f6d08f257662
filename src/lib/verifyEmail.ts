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

/** Opens an emailed verification link (with the headers of an answer, if asked). */
export async function verify(
  token: string,
  headers: Record<string, string> = {},
): Promise<Outcome> {
  // This page is where an emailed link lands: the auth client starts
  // loading with it (it isn't in the first bundle).
  const authClient = await loadAuthClient();
  const { error } = await authClient.verifyEmail({
    query: { token },
    fetchOptions: { headers },
  });
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
  const { data } = await authClient.getSession();
  return {
    error: null,
    signedIn: Boolean(data),
    emailChangedTo: changedEmailIn(token),
  };
}
