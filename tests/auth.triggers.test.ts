import { describe, expect, test } from "vitest";
import * as authModule from "../convex/auth";
import {
  appUsers,
  asSession,
  authFetch,
  authRows,
  makeBackend,
  newUser,
  signUp,
} from "./support/backend";
import { api } from "../convex/_generated/api";
import { appUserRow } from "./support/fixtures";

describe("the user triggers keep auth users and app users in step", () => {
  test("the trigger functions are exported where the component looks for them", () => {
    // authFunctions: internal.auth → the component calls auth:onCreate etc.
    // Without these exports the triggers silently never run.
    for (const name of ["onCreate", "onUpdate", "onDelete"] as const) {
      const fn = authModule[name] as unknown as {
        isMutation: boolean;
        isInternal: boolean;
      };
      expect(fn, name).toBeDefined();
      expect(fn.isMutation && fn.isInternal, name).toBe(true);
    }
  });

  test("sign-up writes exactly one auth user and one app row with matching ids", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, {
      ...user,
      email: user.email.toUpperCase(),
    });

    const [authUsers, rows] = [await authRows(t, "user"), await appUsers(t)];
    expect(authUsers).toHaveLength(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      authId: authUsers[0]!._id,
      email: user.email,
      name: user.name,
      role: "user",
      // signUp() opens the emailed link, which verifies and signs in.
      emailVerified: true,
    });
    expect(session.userId).toBe(authUsers[0]!._id);

    const me = await (await asSession(t, session)).query(api.users.me, {});
    expect(me?._id).toBe(rows[0]!._id);
  });

  test("when the app row can't be written, the sign-up fails and leaves no auth user", async () => {
    const t = makeBackend();
    const user = newUser();
    // An app row for this email with no auth user (e.g. imported data).
    await t.run(async (ctx) => {
      await ctx.db.insert(
        "users",
        appUserRow({
          authId: "imported-user",
          email: user.email,
          name: "Imported",
          createdAt: Date.now(),
          updatedAt: Date.now(),
        }),
      );
    });

    const response = await authFetch(t, "/sign-up/email", { body: user });
    expect(response.status).toBe(422);
    expect(await authRows(t, "user")).toHaveLength(0);
    expect(await authRows(t, "account")).toHaveLength(0);
    expect(await authRows(t, "session")).toHaveLength(0);
    const rows = await appUsers(t);
    expect(rows.map((r) => r.authId)).toEqual(["imported-user"]);
  });
});

describe("bad names are refused before anything is written", () => {
  test.each([
    ["empty", "   "],
    ["too long", "x".repeat(101)],
  ])("%s name: 400 with a readable message, no rows", async (_label, name) => {
    const t = makeBackend();
    const response = await authFetch(t, "/sign-up/email", {
      body: { ...newUser(), name },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "INVALID_NAME",
      message: expect.stringMatching(/Name is/),
    });
    expect(await authRows(t, "user")).toEqual([]);
    expect(await appUsers(t)).toEqual([]);
  });

  test("names are stored trimmed, and HTML in them is kept as plain text", async () => {
    const t = makeBackend();
    await signUp(t, { ...newUser(), name: "  <b>Ana</b>  " });
    expect((await appUsers(t))[0]?.name).toBe("<b>Ana</b>");
  });
});
