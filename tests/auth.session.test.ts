import { describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import {
  asSession,
  authFetch,
  makeBackend,
  mergeCookies,
  newUser,
  signIn,
  signUp,
} from "./support/backend";

describe("sign-in, sign-out and the session behind `me`", () => {
  test("the right password signs in; a wrong one is refused with 401", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);

    const ok = await signIn(t, { email: user.email, password: user.password });
    expect(ok.status).toBe(200);
    const session = { cookie: mergeCookies("", ok) };
    const me = await (await asSession(t, session)).query(api.users.me, {});
    expect(me?.email).toBe(user.email);

    const wrong = await signIn(t, {
      email: user.email,
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      code: "INVALID_EMAIL_OR_PASSWORD",
    });

    const unknown = await signIn(t, {
      email: "nobody@example.com",
      password: "whatever123",
    });
    expect(unknown.status).toBe(401);
  });

  test("after sign-out, `me` is null for that session even with an unexpired JWT", async () => {
    const t = makeBackend();
    const session = await signUp(t, newUser());
    const asUser = await asSession(t, session);
    expect(await asUser.query(api.users.me, {})).not.toBeNull();

    const out = await authFetch(t, "/sign-out", {
      body: {},
      cookie: session.cookie,
    });
    expect(out.status).toBe(200);

    // Same identity (same JWT claims), but its session is gone.
    expect(await asUser.query(api.users.me, {})).toBeNull();
    // Reading answers as signed out (nothing); writing is refused.
    expect(await asUser.query(api.notes.list, {})).toEqual([]);
    await expect(
      asUser.mutation(api.notes.create, { text: "after sign-out" }),
    ).rejects.toThrow(/sign in/i);
  });

  test("a signed-out caller gets null from `me`", async () => {
    const t = makeBackend();
    expect(await t.query(api.users.me, {})).toBeNull();
  });
});
