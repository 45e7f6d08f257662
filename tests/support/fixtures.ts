/**
 * What tests make, in one place: unique users, app `users` rows written
 * around the triggers, cookies carried between requests, and the sign-up
 * that a new user finishes by opening the emailed link, over any transport
 * (convex-test's `t.fetch` or real HTTP to a local backend).
 */
import type { WithoutSystemFields } from "convex/server";
import type { Doc } from "../../convex/_generated/dataModel";
import { mergeCookies } from "../../scripts/cookies";

export { mergeCookies };

export const PASSWORD = "correct horse battery";

export type NewUser = { name: string; email: string; password: string };

let counter = 0;
/** A unique, valid user to sign up (unique across files run in one worker). */
export function newUser(prefix = "user"): NewUser {
  counter += 1;
  return {
    name: `${prefix} ${counter}`,
    email: `${prefix}${counter}-${Date.now()}@example.com`,
    password: PASSWORD,
  };
}

/**
 * An app `users` row as data written around the triggers leaves it (an
 * import, a row whose auth user is gone): what the doctor and the guards
 * must cope with. Tests name only what matters to them.
 */
export function appUserRow(
  fields: Pick<Doc<"users">, "authId" | "email"> &
    Partial<WithoutSystemFields<Doc<"users">>>,
): WithoutSystemFields<Doc<"users">> {
  return {
    name: "Someone",
    emailVerified: false,
    role: "user",
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
}

/** How a test reaches the auth routes and the dev mailbox. */
export type AuthTransport = {
  /** A request to `/api/auth${path}`, sent from the SPA's origin. */
  fetch: (
    path: string,
    init: {
      method: "GET" | "POST";
      headers: Record<string, string>;
      body?: string;
    },
  ) => Promise<Response>;
  /** The newest link mailed to `to` (the dev mailbox), or null. */
  latestLink: (to: string) => Promise<string | null>;
};

/**
 * Signs up and opens the emailed verification link in the same "browser"
 * (it holds the sign-up's proof cookie, so the password is kept:
 * convex/unprovenPassword.ts), as a new user does: that link is what signs
 * them in. Returns the session's cookie.
 */
export async function signUpThroughLink(
  auth: AuthTransport,
  user: NewUser,
  headers: Record<string, string> = {},
): Promise<string> {
  const signUp = await auth.fetch("/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(user),
  });
  if (!signUp.ok) {
    throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  }
  const link = await auth.latestLink(user.email);
  const token = link && new URL(link).searchParams.get("token");
  if (!token)
    throw new Error(`No verification link was mailed to ${user.email}.`);
  const cookie = mergeCookies("", signUp);
  const verified = await auth.fetch(
    `/verify-email?token=${encodeURIComponent(token)}`,
    { method: "GET", headers: { ...headers, cookie } },
  );
  if (!verified.ok) {
    throw new Error(
      `verification failed: ${verified.status} ${await verified.text()}`,
    );
  }
  return mergeCookies(cookie, verified);
}
