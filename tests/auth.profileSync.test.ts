import { describe, expect, test } from "vitest";
import { createFunctionHandle } from "convex/server";
import { api, components, internal } from "../convex/_generated/api";
import {
  appUsers,
  asSession,
  authFetch,
  authRows,
  finishScheduled,
  makeBackend,
  newUser,
  PASSWORD,
  signUp,
} from "./support/backend";

describe("updates and deletes in Better Auth reach the app row", () => {
  test("a name change through Better Auth updates the app row", async () => {
    const t = makeBackend();
    const session = await signUp(t, newUser());
    const response = await authFetch(t, "/update-user", {
      body: { name: "Renamed Person", image: "https://example.com/a.png" },
      cookie: session.cookie,
    });
    expect(response.status).toBe(200);
    const [row] = await appUsers(t);
    expect(row).toMatchObject({
      name: "Renamed Person",
      image: "https://example.com/a.png",
    });
  });

  test("an email change in the auth user reaches the app row, lower-cased", async () => {
    const t = makeBackend();
    const user = newUser();
    const session = await signUp(t, user);
    // Better Auth's change-email flow ends in this same adapter update.
    await t.run(async (ctx) => {
      await ctx.runMutation(components.betterAuth.adapter.updateOne, {
        input: {
          model: "user",
          where: [{ field: "_id", value: session.userId }],
          update: { email: "New.Address@Example.com", emailVerified: true },
        },
        onUpdateHandle: await createFunctionHandle(internal.auth.onUpdate),
      });
    });
    const [row] = await appUsers(t);
    expect(row).toMatchObject({
      email: "new.address@example.com",
      emailVerified: true,
    });
  });

  test("deleting the user removes the app row and the user's notes, and only theirs", async () => {
    const t = makeBackend();
    const leaving = await signUp(t, newUser("leaving"));
    const staying = await signUp(t, newUser("staying"));
    const asLeaving = await asSession(t, leaving);
    const asStaying = await asSession(t, staying);
    await asLeaving.mutation(api.notes.create, { text: "mine" });
    await asLeaving.mutation(api.notes.create, { text: "also mine" });
    await asStaying.mutation(api.notes.create, { text: "not theirs" });

    const response = await authFetch(t, "/delete-user", {
      body: { password: PASSWORD },
      cookie: leaving.cookie,
    });
    expect(response.status).toBe(200);

    expect((await authRows(t, "user")).map((u) => u._id)).toEqual([
      staying.userId,
    ]);
    expect((await appUsers(t)).map((u) => u.authId)).toEqual([staying.userId]);
    await finishScheduled(t); // notes go in scheduled batches
    const notes = await t.run(
      async (ctx) => await ctx.db.query("notes").collect(),
    );
    expect(notes.map((n) => n.text)).toEqual(["not theirs"]);
  });
});
