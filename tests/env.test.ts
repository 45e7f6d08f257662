import { afterEach, describe, expect, test } from "vitest";
import { betterAuthSecret, siteUrl } from "../convex/env";
import { authFetch, makeBackend, newUser, setTestEnv } from "./support/backend";

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
