import { afterEach, describe, expect, test } from "vitest";
import {
  betterAuthSecret,
  DEFAULT_JWT_LIFETIME_SECONDS,
  jwtLifetimeSeconds,
  siteUrl,
} from "../convex/env";
import { jwtClaims } from "../src/lib/jwtClaims";
import {
  authFetch,
  makeBackend,
  newUser,
  setTestEnv,
  signUp,
} from "./support/backend";

afterEach(setTestEnv);

describe("configuration errors name the fix", () => {
  test.each([
    [
      undefined,
      /BETTER_AUTH_SECRET is not set\. Run: npx convex env set BETTER_AUTH_SECRET/,
    ],
    ["too-short", /at least 32 characters/],
    [
      "replace-with-a-random-secret-of-at-least-32-characters",
      /at least 32 characters/,
    ],
  ])("BETTER_AUTH_SECRET=%s", (value, message) => {
    if (value === undefined) delete process.env.BETTER_AUTH_SECRET;
    else process.env.BETTER_AUTH_SECRET = value;
    expect(() => betterAuthSecret()).toThrow(message);
  });

  test.each([
    [undefined, /SITE_URL is not set\. Run: npx convex env set SITE_URL/],
    ["localhost:5173 oops", /SITE_URL is not a valid http\(s\) URL/],
  ])("SITE_URL=%s", (value, message) => {
    if (value === undefined) delete process.env.SITE_URL;
    else process.env.SITE_URL = value;
    expect(() => siteUrl()).toThrow(message);
  });

  test.each(["10", "90.5", "a day", "7200"])(
    "JWT_LIFETIME_SECONDS=%s is refused",
    (value) => {
      process.env.JWT_LIFETIME_SECONDS = value;
      expect(() => jwtLifetimeSeconds()).toThrow(
        /JWT_LIFETIME_SECONDS must be a whole number of seconds from 30 to 3600/,
      );
    },
  );

  test("the Convex JWT lives 15 minutes, or JWT_LIFETIME_SECONDS", async () => {
    const lifetimeOf = async (setting?: string) => {
      const t = makeBackend();
      if (setting) process.env.JWT_LIFETIME_SECONDS = setting;
      const { cookie } = await signUp(t, newUser("lifetime"));
      const response = await authFetch(t, "/convex/token", { cookie });
      const { token } = (await response.json()) as { token: string };
      const claims = jwtClaims(token)!;
      return Number(claims.exp) - Number(claims.iat);
    };
    expect(await lifetimeOf()).toBe(DEFAULT_JWT_LIFETIME_SECONDS);
    expect(await lifetimeOf("45")).toBe(45);
  });

  test("a sign-up without a secret fails with the message and writes nothing", async () => {
    const t = makeBackend();
    delete process.env.BETTER_AUTH_SECRET;
    await expect(
      authFetch(t, "/sign-up/email", { body: newUser() }),
    ).rejects.toThrow(/BETTER_AUTH_SECRET is not set/);
    const users = await t.run(
      async (ctx) => await ctx.db.query("users").collect(),
    );
    expect(users).toEqual([]);
  });
});
