/**
 * The local backend against the real Convex clients and CLI of the installed
 * `convex` version. If an upgrade changes the protocol facts in
 * scripts/local-backend/PROTOCOL.md, these fail.
 */
import { readFileSync } from "node:fs";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import {
  startLocalBackend,
  type LocalBackend,
} from "../../scripts/local-backend";
import { convexCli } from "../support/convexCli";
import { appModules, registerComponents, schema } from "../support/components";
import { convexTokenFor, signUpVerified } from "../support/localBackendAuth";

const SITE = "http://127.0.0.1:5999";
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({
    app: { schema, modules: appModules, registerComponents },
    siteUrl: SITE,
    echoLogs: false,
  });
}, 60_000);
afterAll(async () => await backend?.close());

const cli = (args: string[]) => convexCli(backend, args);

async function signUpAndToken(email: string): Promise<string> {
  const user = { email, password: "correct horse battery", name: "Proto" };
  const cookie = await signUpVerified(backend, SITE, user);
  return await convexTokenFor(backend, SITE, cookie);
}

/** Resolves with the first value of a subscription that satisfies `ok`. */
function nextValue<T>(
  subscribe: (cb: (value: T) => void) => () => void,
  ok: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const stop = subscribe((value) => {
      if (ok(value)) {
        stop();
        resolve(value);
      }
    });
  });
}

describe("local backend with the real Convex clients", () => {
  test("is checked against the convex and convex-test versions its protocol notes name", () => {
    const installed = (name: string) =>
      (
        JSON.parse(
          readFileSync(`node_modules/${name}/package.json`, "utf8"),
        ) as { version: string }
      ).version;
    const notes = readFileSync("scripts/local-backend/PROTOCOL.md", "utf8");
    // Upgrading? Re-run these tests, re-check PROTOCOL.md (and, for
    // convex-test, convexTestState.ts), update the versions.
    expect(notes).toContain(`convex@${installed("convex")}`);
    expect(notes).toContain(`convex-test@${installed("convex-test")}`);
  });

  test("WebSocket: auth with a Better Auth JWT, live queries, read-your-writes, ConvexError data", async () => {
    const token = await signUpAndToken(`proto-${Date.now()}@example.com`);
    const client = new ConvexClient(backend.cloudUrl);
    const authenticated = new Promise<boolean>((resolve) =>
      client.setAuth(async () => token, resolve),
    );
    expect(await authenticated).toBe(true);

    const me = await nextValue(
      (cb) => client.onUpdate(api.users.me, {}, cb),
      (v) => v !== null,
    );
    expect(me).toMatchObject({ name: "Proto", role: "user" });

    const seen: string[][] = [];
    const unsubscribe = client.onUpdate(api.notes.list, {}, (notes) =>
      seen.push(notes.map((n) => n.text)),
    );
    await client.mutation(api.notes.create, { text: "first" });
    // When the mutation resolves, the subscription already shows the write.
    expect(seen.at(-1)).toEqual(["first"]);

    const error = await client
      .mutation(api.notes.create, { text: "  " })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data.code).toBe(
      "INVALID_NOTE",
    );
    unsubscribe();
    await client.close();
  });

  test("WebSocket: an invalid token ends signed out; internal functions are refused", async () => {
    const client = new ConvexClient(backend.cloudUrl);
    const result = new Promise<boolean>((resolve) =>
      client.setAuth(async () => "not.a.jwt", resolve),
    );
    expect(await result).toBe(false);
    expect(await client.query(api.users.me, {})).toBeNull();
    await expect(
      client.query(
        internal.devMailbox.latest as never,
        { to: "x@example.com" } as never,
      ),
    ).rejects.toThrow(/Could not find public function for 'devMailbox:latest'/);
    await client.close();
  });

  test("HTTP API: ConvexHttpClient with a JWT, and refusals without one", async () => {
    const http = new ConvexHttpClient(backend.cloudUrl);
    await expect(
      http.mutation(api.notes.create, { text: "signed out" }),
    ).rejects.toThrow(/sign in/);
    expect(await http.query(api.notes.list, {})).toEqual([]);
    http.setAuth(await signUpAndToken(`http-${Date.now()}@example.com`));
    await http.mutation(api.notes.create, { text: "over http" });
    expect((await http.query(api.notes.list, {})).map((n) => n.text)).toEqual([
      "over http",
    ]);
  });

  test("scheduled functions run by themselves and update live queries", async () => {
    const admin = new ConvexClient(backend.cloudUrl);
    // Admin auth over the WebSocket, as the Convex CLI uses it (not in the public types).
    (
      admin.client as unknown as { setAdminAuth(key: string): void }
    ).setAdminAuth(backend.adminKey);
    const { runId } = (await admin.mutation(
      internal.doctor.run as never,
      {} as never,
    )) as { runId: string };
    const done = await nextValue(
      (cb) =>
        admin.onUpdate(
          internal.doctor.report as never,
          { runId } as never,
          cb as never,
        ),
      (report: { status?: string } | null) => report?.status === "done",
    );
    expect(done).toMatchObject({ status: "done" });
    await admin.close();
  });

  test("the Convex CLI: run (internal functions too), env set/get, unknown function", async () => {
    const email = `cli-${Date.now()}@example.com`;
    const run = await cli([
      "run",
      "adminSetup:createAdminUser",
      JSON.stringify({ email, name: "Cli" }),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      email,
      created: true,
      promoted: true,
    });

    const mail = await cli([
      "run",
      "devMailbox:latest",
      JSON.stringify({ to: email }),
    ]);
    expect(JSON.parse(mail.stdout)).toMatchObject({
      subject: "Reset your password",
    });

    expect((await cli(["env", "set", "PROTOCOL_TEST", "on"])).code).toBe(0);
    expect(process.env.PROTOCOL_TEST).toBe("on");
    expect((await cli(["env", "get", "PROTOCOL_TEST"])).stdout.trim()).toBe(
      "on",
    );

    const missing = await cli(["run", "nope:nothing"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(
      /Could not find function for 'nope:nothing'/,
    );
  }, 60_000);
});
