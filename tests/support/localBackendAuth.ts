/**
 * A new signed-in user on a running local backend, over real HTTP: sign up,
 * open the emailed verification link (which is what signs a new user in),
 * and get the Convex JWT the SPA would. Used by protocol tests and benches.
 */
import { internal } from "../../convex/_generated/api";
import type { LocalBackend } from "../../scripts/local-backend";
import { mergeCookies } from "./backend";

export type NewUser = { email: string; password: string; name: string };

/**
 * Signs up and verifies in the same "browser" (it holds the sign-up's proof
 * cookie, so the password is kept: convex/unprovenPassword.ts); returns the
 * session's cookie.
 */
export async function signUpVerified(
  backend: LocalBackend,
  appOrigin: string,
  user: NewUser,
  headers: Record<string, string> = {},
): Promise<string> {
  const common = { origin: appOrigin, ...headers };
  const signUp = await fetch(`${backend.siteUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", ...common },
    body: JSON.stringify(user),
  });
  if (!signUp.ok) throw new Error(`sign-up: ${signUp.status}`);
  const mail = await backend.run(
    async (ctx) =>
      await ctx.runQuery(internal.devMailbox.latest, { to: user.email }),
  );
  const token = mail && new URL(mail.link).searchParams.get("token");
  if (!token) throw new Error(`no verification link for ${user.email}`);
  // Opened in the browser that signed up (convex/unprovenPassword.ts).
  const verified = await fetch(
    `${backend.siteUrl}/api/auth/verify-email?token=${encodeURIComponent(token)}`,
    { headers: { ...common, cookie: mergeCookies("", signUp) } },
  );
  if (!verified.ok) throw new Error(`verify-email: ${verified.status}`);
  return mergeCookies("", verified);
}

/** The Convex JWT for a session cookie. */
export async function convexTokenFor(
  backend: LocalBackend,
  appOrigin: string,
  cookie: string,
): Promise<string> {
  const response = await fetch(`${backend.siteUrl}/api/auth/convex/token`, {
    headers: { cookie, origin: appOrigin },
  });
  if (!response.ok) throw new Error(`convex/token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
