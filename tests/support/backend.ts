/**
 * A fresh in-memory backend per test: the app's schema and modules plus the
 * real Better Auth and Resend components, driven through the real HTTP routes.
 */
import { convexTest } from "convex-test";
import { decodeJwt } from "jose";
import { setImmediate as nextLoopTurn } from "node:timers/promises";
import { components, internal } from "../../convex/_generated/api";
import schema from "../../convex/schema";
import { keyedIdentifier } from "../../convex/verificationKinds";
import { appModules, registerComponents } from "./components";
import {
  mergeCookies,
  signUpThroughLink,
  type AuthTransport,
  type NewUser,
} from "./fixtures";

export { mergeCookies, newUser, PASSWORD } from "./fixtures";

export const SITE_URL = "http://localhost:5173";

export function setTestEnv(): void {
  process.env.SITE_URL = SITE_URL;
  process.env.CONVEX_SITE_URL = "http://127.0.0.1:3211";
  process.env.BETTER_AUTH_SECRET =
    "test-secret-that-is-long-enough-for-better-auth-0123456789";
  for (const name of [
    "RESEND_API_KEY",
    "EMAIL_FROM",
    "RESEND_WEBHOOK_SECRET",
    "TRUSTED_IP_HEADER",
    "AUTH_SHARED_LIMIT_PER_MINUTE",
    "JWT_LIFETIME_SECONDS",
  ]) {
    delete process.env[name];
  }
}

/** The calls of a test backend that each start a function or transaction. */
const CALLS = ["run", "query", "mutation", "action", "fetch"] as const;

/**
 * convex-test's calls settle through promise chains alone, so a test made of
 * many of them can keep Node's event loop from turning for a minute. Vitest's
 * worker then never reads the answer to its own progress report and fails
 * the run ("Timeout calling onTaskUpdate", a fixed 60 s). So each call first
 * lets the loop turn (through node:timers/promises, which fake timers leave
 * alone).
 */
export function withLoopTurns<
  T extends Record<(typeof CALLS)[number], (...args: never[]) => unknown>,
>(t: T): T {
  for (const name of CALLS) {
    const call = t[name].bind(t) as (...args: unknown[]) => unknown;
    Object.assign(t, {
      [name]: async (...args: unknown[]) => {
        await nextLoopTurn();
        return await call(...args);
      },
    });
  }
  return t;
}

/** Documents a transaction may read and write before convex-test throws. */
export type TransactionLimits = {
  documentsRead: number;
  documentsWritten: number;
};

/**
 * `transactionLimits` makes every transaction of the test (functions,
 * scheduled functions, `t.run`) throw once it reads or writes more documents,
 * as a deployment does at its own limits.
 */
export function makeBackend(
  options: { transactionLimits?: TransactionLimits } = {},
) {
  setTestEnv();
  const t = convexTest({
    schema,
    modules: appModules,
    transactionLimits: options.transactionLimits ?? false,
  });
  registerComponents(t);
  return withLoopTurns(t);
}

export type Backend = ReturnType<typeof makeBackend>;

/** Direct data access (`run`): a test backend, or a local backend typed with the app's data model. */
export type DataAccess = Pick<Backend, "run">;

/**
 * Runs every scheduled function to completion (with real timers), including
 * those they schedule, such as the batches that remove a deleted user's data.
 */
export async function finishScheduled(t: Backend): Promise<void> {
  await t.finishAllScheduledFunctions(() => {}, 10_000);
}

/**
 * The six-digit code in the newest email to `email` (its text part, which
 * the mail action renders a moment after the request), or null when none
 * was sent.
 */
export async function mailedCode(
  t: Backend,
  email: string,
): Promise<string | null> {
  await finishScheduled(t);
  const mail = await t.query(internal.devMailbox.latest, { to: email });
  if (mail?.template !== "signInCode" && mail?.template !== "verifyAddressCode")
    return null;
  return mail.text?.match(/^(\d{6})$/m)?.[1] ?? null;
}

/** POST/GET a Better Auth route the way the SPA does (same Origin). */
export async function authFetch(
  t: Backend,
  path: string,
  options: { body?: unknown; cookie?: string; method?: string } = {},
): Promise<Response> {
  const method =
    options.method ?? (options.body === undefined ? "GET" : "POST");
  return await t.fetch(`/api/auth${path}`, {
    method,
    headers: {
      origin: SITE_URL,
      ...(options.body === undefined
        ? {}
        : { "content-type": "application/json" }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    ...(options.body === undefined
      ? {}
      : { body: JSON.stringify(options.body) }),
  });
}

export type Session = { cookie: string; userId: string };

/** The auth routes and the dev mailbox of an in-process backend. */
function inProcess(t: Backend): AuthTransport {
  return {
    fetch: (path, init) =>
      t.fetch(`/api/auth${path}`, {
        ...init,
        headers: { origin: SITE_URL, ...init.headers },
      }),
    latestLink: async (to) =>
      (await t.query(internal.devMailbox.latest, { to }))?.link ?? null,
  };
}

/**
 * Signs up and opens the emailed verification link, as a new user does:
 * that link is what signs them in. Returns the session it started.
 */
export async function signUp(t: Backend, user: NewUser): Promise<Session> {
  const cookie = await signUpThroughLink(inProcess(t), user);
  const session = await authFetch(t, "/get-session", { cookie });
  const { user: signedIn } = (await session.json()) as { user: { id: string } };
  return { cookie, userId: signedIn.id };
}

/** The token of the newest verification link in the dev mailbox for `email`. */
export async function verificationToken(
  t: Backend,
  email: string,
): Promise<string> {
  const mail = await t.query(internal.devMailbox.latest, { to: email });
  const token = mail && new URL(mail.link).searchParams.get("token");
  if (!token) throw new Error(`No verification link was mailed to ${email}.`);
  return token;
}

/**
 * What the SPA's /magic-link page opens when the person clicks "Sign in":
 * Better Auth's verify route, with the emailed link's query.
 */
export function clickedMagicLink(link: string): string {
  const { pathname, search } = new URL(link);
  if (pathname !== "/magic-link")
    throw new Error(`Not a sign-in link: ${link}`);
  return `${process.env.CONVEX_SITE_URL}/api/auth/magic-link/verify${search}`;
}

/**
 * Does what the SPA's /verify-email page does with the newest link: verify,
 * and sign in. Opened in another browser than the one that signed up, an
 * account with a password asks about it (convex/unprovenPassword.ts):
 * `answer` is what the person replies.
 */
export async function openVerificationLink(
  t: Backend,
  email: string,
  cookie = "",
  answer?: { password: string } | "remove password",
): Promise<Pick<Session, "cookie">> {
  const response = await verifyEmailLink(t, email, cookie, answer);
  if (!response.ok) {
    throw new Error(
      `verification failed: ${response.status} ${await response.text()}`,
    );
  }
  return { cookie: mergeCookies(cookie, response) };
}

/** The verify page's request for the newest link, as answered. */
export async function verifyEmailLink(
  t: Backend,
  email: string,
  cookie = "",
  answer?: { password: string } | "remove password",
): Promise<Response> {
  const token = await verificationToken(t, email);
  return await t.fetch(
    `/api/auth/verify-email?token=${encodeURIComponent(token)}`,
    {
      headers: {
        origin: SITE_URL,
        ...(cookie ? { cookie } : {}),
        ...(answer === "remove password"
          ? { "x-remove-unproven-password": "true" }
          : answer
            ? { "x-sign-up-password": answer.password }
            : {}),
      },
    },
  );
}

export async function signIn(
  t: Backend,
  credentials: { email: string; password: string },
): Promise<Response> {
  return await authFetch(t, "/sign-in/email", { body: credentials });
}

/** Signs in and returns the session's cookies; throws unless it worked. */
export async function signInSession(
  t: Backend,
  credentials: { email: string; password: string },
): Promise<Pick<Session, "cookie">> {
  const response = await signIn(t, credentials);
  if (response.status !== 200) {
    throw new Error(
      `sign-in failed: ${response.status} ${await response.text()}`,
    );
  }
  return { cookie: mergeCookies("", response) };
}

/**
 * A convex-test client acting as the session's user, with the identity taken
 * from the real Convex JWT that Better Auth issues for that session.
 */
export async function asSession(t: Backend, session: Pick<Session, "cookie">) {
  const response = await authFetch(t, "/convex/token", {
    cookie: session.cookie,
  });
  if (!response.ok) {
    throw new Error(
      `token failed: ${response.status} ${await response.text()}`,
    );
  }
  const { token } = (await response.json()) as { token: string };
  const claims = decodeJwt(token);
  return t.withIdentity({
    subject: claims.sub,
    issuer: claims.iss,
    tokenIdentifier: `${claims.iss}|${claims.sub}`,
    sessionId: claims.sessionId as string,
  });
}

type AuthUserRow = {
  _id: string;
  email: string;
  name: string;
  emailVerified: boolean;
};

/** Every row of a Better Auth component table (small test data only). */
export async function authRows<T = AuthUserRow>(
  t: DataAccess,
  model: "user" | "account" | "session" | "verification" | "passkey",
): Promise<T[]> {
  return await t.run(async (ctx) => {
    const result = await ctx.runQuery(components.betterAuth.adapter.findMany, {
      model,
      paginationOpts: { numItems: 1000, cursor: null },
    });
    return result.page as T[];
  });
}

/** Every app `users` row. */
export async function appUsers(t: DataAccess) {
  return await t.run(async (ctx) => await ctx.db.query("users").collect());
}

/** The app `users` row with this email; throws if there is none. */
export async function appRowOf(t: DataAccess, email: string) {
  const row = (await appUsers(t)).find((user) => user.email === email);
  if (!row) throw new Error(`no app row for ${email}`);
  return row;
}

/** Matches a ConvexError whose data carries this code. */
export function hasCode(code: string) {
  return (e: unknown) =>
    (e as { data?: { code?: string } }).data?.code === code;
}

/** How a verification row's identifier is stored (convex/verificationKinds.ts). */
export async function storedIdentifier(identifier: string): Promise<string> {
  return await keyedIdentifier(process.env.BETTER_AUTH_SECRET!).hash(
    identifier,
  );
}
