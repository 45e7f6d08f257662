/**
 * Rotating the signing key on a pushed deployment with the operator's
 * commands (the real Convex CLI: `npx convex run signingKeys:…`), while a
 * browser is signed in. It stays signed in throughout: its stored JWT,
 * signed with the old key, keeps working after the rotation; once the old
 * key is retired, a token it signed is refused and the browser's next token
 * carries the new key.
 *
 * Retirement waits the JWT lifetime plus margins (about 20 minutes). The
 * test doesn't wait: it moves both keys' `createdAt` back by that much, which
 * is all the rule reads (convex/model/signingKeys.ts), so the stored JWT is
 * still unexpired when its key goes: the case of a key removed too early,
 * which the browser survives too.
 */
import { ConvexHttpClient } from "convex/browser";
import { decodeProtectedHeader } from "jose";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { api, components } from "../../convex/_generated/api";
import { retirementDelayMs } from "../../convex/model/signingKeys";
import type {
  RetirementResult,
  RotationResult,
  SigningKeyListing,
} from "../../convex/signingKeys";
import {
  convexCli,
  newUser,
  signUpInBrowser,
  tokensSentToConvex,
  type TestApp,
} from "./support/app";
import { useTestApp } from "./support/journey";

const { journey } = useTestApp();

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

/** The Convex JWT the browser keeps (the cross-domain plugin's storage). */
async function storedJwt(page: Page): Promise<string> {
  const jwt = await page.evaluate(() => {
    const cookies = JSON.parse(
      localStorage.getItem("better-auth_cookie") ?? "{}",
    ) as Record<string, { value?: string }>;
    return Object.entries(cookies).find(([name]) =>
      name.endsWith("convex_jwt"),
    )?.[1]?.value;
  });
  if (!jwt) throw new Error("The browser keeps no Convex JWT.");
  return jwt;
}

/** Puts `jwt` back as the stored Convex JWT (its session unchanged). */
async function storeJwt(page: Page, jwt: string): Promise<void> {
  await page.evaluate((value) => {
    const cookies = JSON.parse(
      localStorage.getItem("better-auth_cookie") ?? "{}",
    ) as Record<string, { value?: string }>;
    const name = Object.keys(cookies).find((key) => key.endsWith("convex_jwt"));
    if (!name) throw new Error("The browser keeps no Convex JWT.");
    cookies[name] = { ...cookies[name], value };
    localStorage.setItem("better-auth_cookie", JSON.stringify(cookies));
  }, jwt);
}

async function run<T>(app: TestApp, fn: string, args: object = {}) {
  const result = await convexCli(app, [
    "run",
    `signingKeys:${fn}`,
    JSON.stringify(args),
  ]);
  return { ...result, value: () => JSON.parse(result.stdout) as T };
}

/** Moves every key's `createdAt` back, as if `ms` had passed since. */
async function agedKeys(app: TestApp, ms: number) {
  await app.backend.run(async (ctx) => {
    const { page } = await ctx.runQuery(
      components.betterAuth.adapter.findMany,
      {
        model: "jwks",
        paginationOpts: { numItems: 100, cursor: null },
      },
    );
    for (const key of page as { _id: string; createdAt: number }[]) {
      await ctx.runMutation(components.betterAuth.adapter.updateOne, {
        input: {
          model: "jwks",
          where: [{ field: "_id", value: key._id }],
          update: { createdAt: key.createdAt - ms },
        },
      });
    }
  });
}

async function meWithToken(app: TestApp, token: string) {
  const client = new ConvexHttpClient(app.backend.cloudUrl);
  client.setAuth(token);
  return await client.query(api.users.me, {});
}

describe("rotating the signing key", () => {
  journey(
    "rotate and retire with the CLI: a signed-in browser stays signed in, its next token uses the new key",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const sentTokens = tokensSentToConvex(page);
      const user = newUser("rotation");
      await signUpInBrowser(app, page, user);
      const before = await storedJwt(page);
      const oldKid = kidOf(before)!;

      const rotated = await run<RotationResult>(app, "rotate");
      expect(rotated.code, rotated.stderr).toBe(0);
      const { signingKid, previousKids, summary } = rotated.value();
      // A new deployment's first requests at once may each have made a key
      // (Better Auth creates one when it finds none): all of them stay.
      expect(previousKids).toContain(oldKid);
      expect(summary).toContain(`${signingKid} signs new tokens`);
      const listed = (await run<SigningKeyListing>(app, "list")).value();
      expect(listed.keys.map((key) => [key.kid, key.signs])).toEqual([
        [signingKid, true],
        ...previousKids.map((kid) => [kid, false]),
      ]);

      // The JWT signed before still authenticates, in the browser and over HTTP.
      await page.reload();
      await page.getByTestId("me-role").waitFor();
      expect(kidOf(sentTokens.at(-1)!)).toBe(oldKid);
      expect(await meWithToken(app, before)).toMatchObject({
        email: user.email,
      });
      // The session check that follows brings a JWT signed with the new key.
      await expect
        .poll(async () => kidOf(await storedJwt(page)))
        .toBe(signingKid);

      // Too early: refused, with when it can go.
      const early = await run(app, "retire", { kid: oldKid });
      expect(early.code).not.toBe(0);
      expect(early.stderr).toContain("it can be removed from");

      await agedKeys(app, retirementDelayMs(15 * 60) + 60_000);
      const retired = await run<RetirementResult>(app, "retire");
      expect(retired.code, retired.stderr).toBe(0);
      expect(retired.value().removed).toEqual(previousKids);
      await expect(meWithToken(app, before)).rejects.toThrow(
        `'kid' (key ID) header is '${oldKid}'`,
      );

      // A browser that kept a JWT signed before (closed since): refused now,
      // it asks for a new one, signed with the new key, and shows the user's
      // data, never sign-in.
      await storeJwt(page, before);
      const sent = sentTokens.length;
      await page.reload();
      await page.getByTestId("me-role").waitFor();
      await expect
        .poll(() => sentTokens.slice(sent).map(kidOf))
        .toEqual([oldKid, signingKid]);
      expect(kidOf(await storedJwt(page))).toBe(signingKid);
      expect(new URL(page.url()).pathname).toBe("/");
    },
    90_000,
  );
});
