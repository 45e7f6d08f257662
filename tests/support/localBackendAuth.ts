/**
 * A new signed-in user on a running local backend, over real HTTP: sign up,
 * open the emailed verification link (which is what signs a new user in),
 * and get the Convex JWT the SPA would. Used by protocol tests and benches.
 */
import { internal } from "../../convex/_generated/api";
import type { LocalBackend } from "../../scripts/local-backend";
import { signUpThroughLink, type NewUser } from "./fixtures";

export type { NewUser };

/** Signs up and verifies over real HTTP; returns the session's cookie. */
export async function signUpVerified(
  backend: LocalBackend,
  appOrigin: string,
  user: NewUser,
  headers: Record<string, string> = {},
): Promise<string> {
  return await signUpThroughLink(
    {
      fetch: (path, init) =>
        fetch(`${backend.siteUrl}/api/auth${path}`, {
          ...init,
          headers: { origin: appOrigin, ...init.headers },
        }),
      latestLink: async (to) =>
        (
          await backend.run(
            async (ctx) =>
              await ctx.runQuery(internal.devMailbox.latest, { to }),
          )
        )?.link ?? null,
    },
    user,
    headers,
  );
}

/** The Convex JWT for a session cookie. */
export async function convexTokenFor(
  backend: Pick<LocalBackend, "siteUrl">,
  appOrigin: string,
  cookie: string,
): Promise<string> {
  const response = await fetch(`${backend.siteUrl}/api/auth/convex/token`, {
    headers: { cookie, origin: appOrigin },
  });
  if (!response.ok) throw new Error(`convex/token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
