/**
 * Bad input at every auth endpoint and every public Convex function: always a
 * clear 4xx (or a ConvexError / validation error), never a 500, and the
 * users invariant holds afterwards.
 */
import { makeFunctionReference } from "convex/server";
import { describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  makeBackend,
  newUser,
  PASSWORD,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";
import { expectUsersInSync } from "./support/invariant";

const MEGABYTE = "x".repeat(1024 * 1024);
const WEIRD_TEXT = [
  "",
  "   ",
  "\u0000\u0007\u001b[31m",
  "😀🎉",
  "\u202Eטקסט בעברית",
  '<script>alert("x")</script>',
  MEGABYTE,
];

/** A raw request to a Better Auth route, body as given (it may not be JSON). */
async function post(
  t: Backend,
  path: string,
  body: string,
  cookie?: string,
): Promise<Response> {
  return await t.fetch(`/api/auth${path}`, {
    method: "POST",
    headers: {
      origin: SITE_URL,
      "content-type": "application/json",
      ...(cookie ? { cookie } : {}),
    },
    body,
  });
}

const ENDPOINTS: {
  path: string;
  signedIn?: boolean;
  valid: Record<string, unknown>;
}[] = [
  {
    path: "/sign-up/email",
    valid: { email: "new@example.com", password: PASSWORD, name: "New" },
  },
  {
    path: "/sign-in/email",
    valid: { email: "new@example.com", password: PASSWORD },
  },
  {
    path: "/request-password-reset",
    valid: {
      email: "new@example.com",
      redirectTo: `${SITE_URL}/reset-password`,
    },
  },
  {
    path: "/reset-password",
    valid: { newPassword: PASSWORD, token: "not-a-token" },
  },
  {
    path: "/sign-in/magic-link",
    valid: { email: "new@example.com", callbackURL: `${SITE_URL}/` },
  },
  { path: "/send-verification-email", valid: { email: "new@example.com" } },
  { path: "/update-user", signedIn: true, valid: { name: "Renamed" } },
  {
    path: "/change-password",
    signedIn: true,
    valid: { currentPassword: PASSWORD, newPassword: "another password" },
  },
  {
    path: "/change-email",
    signedIn: true,
    valid: { newEmail: "moved@example.com" },
  },
  { path: "/two-factor/enable", signedIn: true, valid: { password: PASSWORD } },
];

/** Broken variants of a valid body: malformed, missing, extra, wrong types, odd strings. */
function variants(valid: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [
    ["malformed JSON", "{not json"],
    ["empty body", ""],
    ["array body", "[]"],
    ["no fields", "{}"],
    ["extra field", JSON.stringify({ ...valid, role: "admin", isAdmin: true })],
  ];
  for (const key of Object.keys(valid)) {
    const { [key]: _dropped, ...rest } = valid;
    out.push([`missing ${key}`, JSON.stringify(rest)]);
    out.push([`${key} as number`, JSON.stringify({ ...valid, [key]: 42 })]);
    out.push([
      `${key} as object`,
      JSON.stringify({ ...valid, [key]: { $gt: "" } }),
    ]);
    for (const text of WEIRD_TEXT) {
      const label = text.length > 40 ? "1 MB string" : JSON.stringify(text);
      out.push([
        `${key} = ${label}`,
        JSON.stringify({ ...valid, [key]: text }),
      ]);
    }
  }
  return out;
}

describe("bad input at the auth endpoints", () => {
  for (const endpoint of ENDPOINTS) {
    test(`${endpoint.path}: every variant answers below 500 and leaves users in sync`, async () => {
      const t = makeBackend();
      const session = endpoint.signedIn
        ? await signUp(t, newUser())
        : undefined;
      for (const [label, body] of variants(endpoint.valid)) {
        const response = await post(t, endpoint.path, body, session?.cookie);
        expect(response.status, `${endpoint.path} with ${label}`).toBeLessThan(
          500,
        );
      }
      await expectUsersInSync(t);
    }, 120_000);
  }

  test("emails are case-insensitive and trimmed by the SPA: Ana@X.com and ana@x.com are one account", async () => {
    const t = makeBackend();
    await signUp(t, {
      email: "Ana+tag@Example.com",
      password: PASSWORD,
      name: "Ana",
    });
    const again = await post(
      t,
      "/sign-up/email",
      JSON.stringify({
        email: "ana+tag@example.com",
        password: PASSWORD,
        name: "Ana 2",
      }),
    );
    // Answered like a new sign-up (no "already exists": no probing for
    // accounts); the owner is told by email instead.
    expect(again.status).toBe(200);
    expect(
      (await t.query(internal.devMailbox.latest, { to: "ana+tag@example.com" }))
        ?.subject,
    ).toBe("You already have an account");
    const spaced = await post(
      t,
      "/sign-up/email",
      JSON.stringify({
        email: "  ana+tag@example.com  ",
        password: PASSWORD,
        name: "Ana 3",
      }),
    );
    expect(spaced.status).toBeLessThan(500);
    expect((await appUsers(t)).map((u) => u.email)).toEqual([
      "ana+tag@example.com",
    ]);
    await expectUsersInSync(t);
  });

  test("HTML and right-to-left names are stored as text, as given", async () => {
    const t = makeBackend();
    const name = "<img src=x onerror=alert(1)> \u202Eأحمد";
    await signUp(t, { ...newUser(), name });
    expect((await appUsers(t))[0]?.name).toBe(name);
  });
});

describe("bad input at the public Convex functions", () => {
  const cases: [string, "query" | "mutation", Record<string, unknown>][] = [
    ["notes:create", "mutation", { text: 42 }],
    ["notes:create", "mutation", { text: "" }],
    ["notes:create", "mutation", { text: MEGABYTE }],
    ["notes:create", "mutation", { text: "hi", extra: true }],
    ["notes:create", "mutation", {}],
    ["notes:remove", "mutation", { id: "not-an-id" }],
    ["notes:list", "query", { unexpected: 1 }],
    ["users:me", "query", { unexpected: 1 }],
    [
      "admin:listUsers",
      "query",
      { paginationOpts: { numItems: -1, cursor: null } },
    ],
    ["account:socialProviders", "query", { unexpected: 1 }],
    ["account:signInMethods", "query", { unexpected: 1 }],
  ];

  test.each(cases)(
    "%s (%s) with %j: a clear error, nothing written",
    async (name, kind, args) => {
      const t = makeBackend();
      const asUser = await asSession(t, await signUp(t, newUser()));
      const call =
        kind === "query"
          ? asUser.query(makeFunctionReference<"query">(name), args)
          : asUser.mutation(makeFunctionReference<"mutation">(name), args);
      await expect(call).rejects.toSatisfy((error: unknown) => {
        const e = error as { data?: { message?: string }; message?: string };
        // A ConvexError with a readable message, or Convex's argument validation.
        return (
          Boolean(e.data?.message) ||
          /Validator|validation|Forbidden|Only admins|doesn't exist/i.test(
            e.message ?? "",
          )
        );
      });
      expect(
        await t.run(async (ctx) => await ctx.db.query("notes").collect()),
      ).toEqual([]);
      await expectUsersInSync(t);
    },
  );

  test("a valid note still works after all that", async () => {
    const t = makeBackend();
    const asUser = await asSession(t, await signUp(t, newUser()));
    await asUser.mutation(api.notes.create, { text: "  fine  " });
    expect((await asUser.query(api.notes.list, {})).map((n) => n.text)).toEqual(
      ["fine"],
    );
  });
});
