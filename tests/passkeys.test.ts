/**
 * The passkey plugin's server side, through the real routes: the relying
 * party is the SPA (SITE_URL), not the Convex site; discoverable credentials
 * with user verification are asked for; a user's passkeys can't be touched
 * by anyone else and go with their account. The ceremonies themselves run in
 * Chromium (tests/e2e/journeys.passkeys.test.ts).
 */
import { beforeEach, describe, expect, test } from "vitest";
import { components } from "../convex/_generated/api";
import {
  authFetch,
  authRows,
  finishScheduled,
  makeBackend,
  newUser,
  PASSWORD,
  setTestEnv,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";

beforeEach(setTestEnv);

/** A passkey row as the plugin stores one (what a registration writes). */
async function storePasskey(t: Backend, userId: string, name: string) {
  return await t.run(async (ctx) => {
    const row = await ctx.runMutation(components.betterAuth.adapter.create, {
      input: {
        model: "passkey",
        data: {
          name,
          userId,
          publicKey: "cHVibGljLWtleQ",
          credentialID: `credential-${name}`,
          counter: 0,
          deviceType: "singleDevice",
          backedUp: false,
          transports: "internal",
          createdAt: Date.now(),
        },
      },
    });
    return (row as { _id: string })._id;
  });
}

describe("passkeys on the server", () => {
  test("registration options name the SPA as relying party and ask for a discoverable, user-verified credential", async () => {
    const t = makeBackend();
    const { cookie } = await signUp(t, newUser());
    const response = await authFetch(t, "/passkey/generate-register-options", {
      cookie,
    });
    expect(response.status).toBe(200);
    const options = (await response.json()) as {
      rp: { id: string; name: string };
      authenticatorSelection: { residentKey: string; userVerification: string };
    };
    expect(options.rp.id).toBe(new URL(SITE_URL).hostname);
    expect(options.rp.id).not.toBe(
      new URL(process.env.CONVEX_SITE_URL!).hostname,
    );
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });

    // Sign-in options too, without a session (the passkey picks the user).
    const signIn = await authFetch(t, "/passkey/generate-authenticate-options");
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({
      rpId: new URL(SITE_URL).hostname,
    });
  });

  test("only the owner lists, renames and deletes a passkey", async () => {
    const t = makeBackend();
    const ada = await signUp(t, newUser("ada"));
    const eve = await signUp(t, newUser("eve"));
    const id = await storePasskey(t, ada.userId, "Laptop");

    const list = async (cookie: string) =>
      (await (
        await authFetch(t, "/passkey/list-user-passkeys", { cookie })
      ).json()) as { id: string; name: string }[];
    expect((await list(ada.cookie)).map((p) => p.name)).toEqual(["Laptop"]);
    expect(await list(eve.cookie)).toEqual([]);

    const rename = await authFetch(t, "/passkey/update-passkey", {
      cookie: eve.cookie,
      body: { id, name: "Mine now" },
    });
    expect(rename.status).toBeGreaterThanOrEqual(400);
    const remove = await authFetch(t, "/passkey/delete-passkey", {
      cookie: eve.cookie,
      body: { id },
    });
    expect(remove.status).toBeGreaterThanOrEqual(400);
    expect((await list(ada.cookie)).map((p) => p.name)).toEqual(["Laptop"]);

    const renamed = await authFetch(t, "/passkey/update-passkey", {
      cookie: ada.cookie,
      body: { id, name: "Work laptop" },
    });
    expect(renamed.status).toBe(200);
    expect((await list(ada.cookie)).map((p) => p.name)).toEqual([
      "Work laptop",
    ]);
  });

  test("deleting the account removes its passkeys, and only its own", async () => {
    const t = makeBackend();
    const ada = await signUp(t, newUser("ada"));
    const bob = await signUp(t, newUser("bob"));
    await storePasskey(t, ada.userId, "Laptop");
    await storePasskey(t, ada.userId, "Phone");
    await storePasskey(t, bob.userId, "Key");

    const deleted = await authFetch(t, "/delete-user", {
      cookie: ada.cookie,
      body: { password: PASSWORD },
    });
    expect(deleted.status).toBe(200);
    await finishScheduled(t);
    const left = await authRows<{ userId: string; name: string }>(t, "passkey");
    expect(left.map((p) => [p.userId, p.name])).toEqual([[bob.userId, "Key"]]);
  });
});
