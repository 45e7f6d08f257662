/**
 * The sign-in answer carries the new session's Convex JWT in the header the
 * SPA stores (the cross-domain plugin's `Set-Better-Auth-Cookie`), so the
 * SPA authenticates Convex without a token request first
 * (src/lib/convexAuth.tsx). Only for a session that exists: a sign-in held
 * at the two-factor step, a wrong password or a sign-up hand out none.
 */
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { parseSetCookieHeader } from "better-auth/cookies";
import { describe, expect, test } from "vitest";
import { jwtClaims } from "../src/lib/jwtClaims";
import {
  authFetch,
  makeBackend,
  mergeCookies,
  newUser,
  PASSWORD,
  SITE_URL,
  signUp,
  type Backend,
} from "./support/backend";

/** A request as the SPA's auth client sends it (cross-domain header, no cookie). */
async function spaFetch(
  t: Backend,
  path: string,
  body: unknown,
  storedCookies = "",
): Promise<Response> {
  return await t.fetch(`/api/auth${path}`, {
    method: "POST",
    headers: {
      origin: SITE_URL,
      "content-type": "application/json",
      "better-auth-cookie": storedCookies,
    },
    body: JSON.stringify(body),
  });
}

/** The cookies the SPA stores from an answer, by the end of their names. */
function storedFrom(response: Response): Record<string, string> {
  const header = response.headers.get("set-better-auth-cookie") ?? "";
  const stored: Record<string, string> = {};
  for (const [name, cookie] of parseSetCookieHeader(header)) {
    if (cookie.value) stored[name.replace(/^.*\./, "")] = cookie.value;
  }
  return stored;
}

async function sessionIdOf(t: Backend, sessionToken: string) {
  const answer = await authFetch(t, "/get-session", {
    cookie: `better-auth.session_token=${sessionToken}`,
  });
  return ((await answer.json()) as { session: { id: string } }).session.id;
}

describe("the Convex JWT in the sign-in answer", () => {
  test("a password sign-in hands the SPA the JWT of the session it started, not as a cookie of the Convex site", async () => {
    const t = makeBackend();
    const user = newUser();
    const { userId } = await signUp(t, user);

    const answer = await spaFetch(t, "/sign-in/email", {
      email: user.email,
      password: user.password,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("set-cookie")).toBeNull();
    const stored = storedFrom(answer);
    expect(stored.session_token).toBeTruthy();
    const claims = jwtClaims(stored.convex_jwt ?? "");
    expect(claims).toMatchObject({
      sub: userId,
      sessionId: await sessionIdOf(t, stored.session_token!),
    });
  });

  test("signing in while another session is stored: the JWT is the new session's", async () => {
    const t = makeBackend();
    const other = newUser();
    await signUp(t, other);
    const user = newUser();
    await signUp(t, user);
    const first = storedFrom(
      await spaFetch(t, "/sign-in/email", {
        email: other.email,
        password: other.password,
      }),
    );
    const storedCookies = `better-auth.session_token=${first.session_token}`;

    const answer = await spaFetch(
      t,
      "/sign-in/email",
      { email: user.email, password: user.password },
      storedCookies,
    );
    const stored = storedFrom(answer);
    expect(stored.session_token).not.toBe(first.session_token);
    expect(jwtClaims(stored.convex_jwt ?? "")?.sessionId).toBe(
      await sessionIdOf(t, stored.session_token!),
    );
  });

  test("a wrong password, a sign-up and a sign-in held at the two-factor step hand out no JWT", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);

    const wrong = await spaFetch(t, "/sign-in/email", {
      email: user.email,
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
    expect(storedFrom(wrong)).toEqual({});

    const signUpAnswer = await spaFetch(t, "/sign-up/email", newUser());
    expect(signUpAnswer.status).toBe(200);
    expect(storedFrom(signUpAnswer).convex_jwt).toBeUndefined();

    const enable = await authFetch(t, "/two-factor/enable", {
      cookie: session.cookie,
      body: { password: PASSWORD },
    });
    const { totpURI } = (await enable.json()) as { totpURI: string };
    const secret = new TextDecoder().decode(
      base32.decode(new URL(totpURI).searchParams.get("secret")!),
    );
    const confirm = await authFetch(t, "/two-factor/verify-totp", {
      cookie: mergeCookies(session.cookie, enable),
      body: { code: await createOTP(secret).totp() },
    });
    expect(confirm.status).toBe(200);

    const held = await spaFetch(t, "/sign-in/email", {
      email: user.email,
      password: user.password,
    });
    expect(await held.json()).toMatchObject({ twoFactorRedirect: true });
    const heldStored = storedFrom(held);
    expect(heldStored.two_factor).toBeTruthy();
    expect(heldStored.session_token).toBeUndefined();
    expect(heldStored.convex_jwt).toBeUndefined();
  });
});
