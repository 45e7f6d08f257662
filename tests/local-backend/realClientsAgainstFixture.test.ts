/**
 * The local backend, loaded with a small convex/ folder of its own
 * (./fixture), driven by the real clients and CLI of the installed `convex`.
 * Each test pins a protocol fact from scripts/local-backend/PROTOCOL.md, so a
 * `convex` upgrade that changes one of them fails here. App-independent: the
 * app's functions may change freely.
 */
import { convexCli } from "../support/convexCli";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { ConvexError } from "convex/values";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { WebSocket } from "ws";
import {
  startLocalBackend,
  type LocalBackend,
} from "../../scripts/local-backend";
import { api, internal } from "./fixture/convex/_generated/api";

const FIXTURE = "tests/local-backend/fixture";
const ISSUER = "https://issuer.test";
const AUDIENCE = "fixture-app";

let backend: LocalBackend;
let privateKey: CryptoKey;
const clients: { close(): Promise<void> | void }[] = [];

beforeAll(async () => {
  const keys = await generateKeyPair("RS256");
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "k1", alg: "RS256" };
  backend = await startLocalBackend({
    convexDir: `${FIXTURE}/convex`,
    registerComponents: `${FIXTURE}/components.ts`,
    siteUrl: "http://127.0.0.1:5999",
    // Read by the fixture's auth.config.ts at import time.
    env: { FIXTURE_JWKS: JSON.stringify({ keys: [jwk] }) },
    echoLogs: false,
  });
}, 30_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await backend?.close();
});

function wsClient(): ConvexClient {
  const client = new ConvexClient(backend.cloudUrl);
  clients.push(client);
  return client;
}

async function jwt(
  claims: Record<string, unknown>,
  options: { expiresAt?: number; audience?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject("user-1")
    .setIssuedAt(now - 120)
    .setExpirationTime(options.expiresAt ?? now + 3600)
    .sign(privateKey);
}

/** Resolves with the first value a subscription delivers that passes `ok`. */
function valueWhere<T>(
  subscribe: (onValue: (value: T) => void) => () => void,
  ok: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const subscription: { done: boolean; stop?: () => void } = { done: false };
    subscription.stop = subscribe((value) => {
      if (subscription.done || !ok(value)) return;
      subscription.done = true;
      // Unset when the value comes before subscribe() returns: stopped below.
      subscription.stop?.();
      resolve(value);
    });
    if (subscription.done) subscription.stop();
  });
}

/** `npx convex …` against this backend. */
const cli = (args: string[]) => convexCli(backend, args);

describe("local backend: WebSocket sync with ConvexClient", () => {
  test("ran the app's component hook, loaded by path", () => {
    expect(
      (globalThis as { fixtureComponentsRegistered?: unknown })
        .fixtureComponentsRegistered,
    ).toBe("function");
  });

  test("a resolved mutation is already visible in subscriptions (read-your-writes)", async () => {
    const client = wsClient();
    const seen: string[][] = [];
    client.onUpdate(api.messages.list, {}, (list) => seen.push(list));
    await client.mutation(api.messages.send, { body: "ryw" });
    // No waiting: the Transition carrying the write came before the resolve.
    expect(seen.at(-1)).toContain("mutation:ryw");
  });

  test("subscriptions update live after an action, an HTTP action and a scheduled function", async () => {
    const writer = wsClient();
    const watcher = wsClient();
    const watch = (entry: string) =>
      valueWhere<string[]>(
        (onValue) => watcher.onUpdate(api.messages.list, {}, onValue),
        (list) => list.includes(entry),
      );

    expect(
      await writer.action(api.messages.sendFromAction, { body: "act" }),
    ).toBe(3);
    await watch("action:act");

    const posted = await fetch(`${backend.siteUrl}/messages`, {
      method: "POST",
      body: JSON.stringify({ body: "post" }),
    });
    expect(posted.status).toBe(201);
    await watch("http:post");

    await writer.mutation(api.messages.sendLater, { body: "later" });
    await watch("scheduled:later");
  });

  test("a write re-runs only the subscriptions whose reads it touches; inserts, patches, replaces and deletes all reach them", async () => {
    const alice = wsClient();
    const bob = wsClient();
    const seen = { alice: [] as string[][], bob: [] as string[][] };
    alice.onUpdate(api.items.ofOwner, { owner: "alice" }, (items) =>
      seen.alice.push(items),
    );
    bob.onUpdate(api.items.ofOwner, { owner: "bob" }, (items) =>
      seen.bob.push(items),
    );
    const bobSees = (list: string) =>
      valueWhere<string[]>(
        (onValue) => bob.onUpdate(api.items.ofOwner, { owner: "bob" }, onValue),
        (items) => items.join() === list,
      );
    await bobSees("");
    await vi.waitFor(() => expect(seen.alice).toEqual([[]]));
    const runs = () => backend.queryRuns.get("items:ofOwner") ?? 0;

    const before = runs();
    for (const text of ["b1", "b2", "b3"])
      await bob.mutation(api.items.add, { owner: "bob", text });
    expect(seen.bob.at(-1)).toEqual(["b1", "b2", "b3"]);
    // Bob's list re-ran once per insert; Alice's, another index range, never.
    expect(runs() - before).toBe(3);
    expect(seen.alice).toEqual([[]]);

    // A patch moves b1 out of Bob's range (a document he read) and into Alice's.
    await alice.mutation(api.items.give, { text: "b1", to: "alice" });
    expect(seen.alice.at(-1)).toEqual(["b1"]);
    await bobSees("b2,b3");
    await bob.mutation(api.items.rewrite, { text: "b2", newText: "b2!" });
    expect(seen.bob.at(-1)).toEqual(["b2!", "b3"]);
    await bob.mutation(api.items.remove, { text: "b3" });
    expect(seen.bob.at(-1)).toEqual(["b2!"]);
    expect(seen.alice.at(-1)).toEqual(["b1"]);
  });

  test("backend.onWrite hears a function's and run's writes, one table's or all, until unsubscribed; run's writes reach subscriptions", async () => {
    const items: string[] = [];
    const tables: string[] = [];
    const stopItems = backend.onWrite("items", ({ value }) =>
      items.push(String(value?.text)),
    );
    const stopAll = backend.onWrite(({ table }) => tables.push(table));
    const carol = wsClient();
    await carol.mutation(api.items.add, { owner: "carol", text: "c1" });
    await backend.run(async (ctx) => {
      await ctx.db.insert("items", { owner: "carol", text: "c2" });
      await ctx.db.insert("messages", { body: "hi", via: "run" });
    });
    await valueWhere<string[]>(
      (onValue) =>
        carol.onUpdate(api.items.ofOwner, { owner: "carol" }, onValue),
      (list) => list.join() === "c1,c2",
    );
    expect(items).toEqual(["c1", "c2"]);
    expect(tables).toEqual(["items", "items", "messages"]);

    stopItems();
    stopAll();
    await carol.mutation(api.items.add, { owner: "carol", text: "c3" });
    expect(items).toEqual(["c1", "c2"]);
    expect(tables).toHaveLength(3);
  });

  test("ConvexError data (a bigint included) reaches the client", async () => {
    const error = await wsClient()
      .mutation(api.messages.send, { body: "" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect(
      (error as ConvexError<{ code: string; limit: bigint }>).data,
    ).toEqual({
      code: "EMPTY_BODY",
      limit: 10n,
    });
  });

  test("internal functions are refused to non-admins", async () => {
    await expect(
      wsClient().query(internal.messages.count as never, {} as never),
    ).rejects.toThrow(/Could not find public function for 'messages:count'/);
    await expect(
      new ConvexHttpClient(backend.cloudUrl).query(
        internal.messages.count as never,
        {} as never,
      ),
    ).rejects.toThrow(/Could not find public function for 'messages:count'/);
  });
});

describe("local backend: raw sync messages", () => {
  /** One socket: Connect, one Mutation, and the messages up to its Transition. */
  async function mutateOnce(sessionId: string) {
    const ws = new WebSocket(
      `${backend.cloudUrl.replace("http", "ws")}/api/1.48.0/sync`,
    );
    await new Promise((resolve) => ws.once("open", resolve));
    const received: Record<string, unknown>[] = [];
    const transitionSeen = new Promise<void>((resolve) =>
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        received.push(message);
        if (message.type === "Transition") resolve();
      }),
    );
    const send = (message: object) => ws.send(JSON.stringify(message));
    send({
      type: "Connect",
      sessionId,
      connectionCount: 0,
      lastCloseReason: "InitialConnect",
      clientTs: Date.now(),
    });
    send({
      type: "Mutation",
      requestId: 0,
      udfPath: "messages:send",
      args: [{ body: `replay-${sessionId}` }],
    });
    await transitionSeen;
    ws.close();
    // Other writes may add Transitions later: keep up to the first one.
    return received.slice(
      0,
      received.findIndex((message) => message.type === "Transition") + 1,
    );
  }

  test("MutationResponse, then a Transition reaching its ts; a re-sent request is answered from the cache", async () => {
    const sessionId = crypto.randomUUID();
    const first = await mutateOnce(sessionId);
    expect(first.map((message) => message.type)).toEqual([
      "MutationResponse",
      "Transition",
    ]);
    const [response, transition] = first as [
      { success: boolean; ts: string },
      { endVersion: { ts: string } },
    ];
    expect(response.success).toBe(true);
    const u64 = (ts: string) => Buffer.from(ts, "base64").readBigUInt64LE();
    expect(u64(transition.endVersion.ts) >= u64(response.ts)).toBe(true);

    // What a client does after a reconnect: same session, same requestId.
    const replayed = await mutateOnce(sessionId);
    expect(replayed[0]).toEqual(response);
    const list = await new ConvexHttpClient(backend.cloudUrl).query(
      api.messages.list,
      {},
    );
    expect(
      list.filter((entry) => entry === `mutation:replay-${sessionId}`),
    ).toHaveLength(1);
  });
});

describe("local backend: JWT auth against auth.config.ts", () => {
  test("a valid customJwt token is confirmed and mapped to the identity", async () => {
    const client = wsClient();
    const token = () => jwt({ email: "a@example.com", org: { id: "o1" } });
    const confirmed = new Promise<boolean>((resolve) =>
      client.setAuth(token, resolve),
    );
    expect(await confirmed).toBe(true);
    const expected = {
      subject: "user-1",
      issuer: ISSUER,
      tokenIdentifier: `${ISSUER}|user-1`,
      email: "a@example.com",
      "org.id": "o1", // nested claims are flattened
    };
    const identity = await valueWhere(
      (onValue) => client.onUpdate(api.messages.whoami, {}, onValue),
      (value) => value !== null,
    );
    expect(identity).toEqual(expected);

    const http = new ConvexHttpClient(backend.cloudUrl);
    http.setAuth(await token());
    expect(await http.query(api.messages.whoami, {})).toEqual(expected);

    const hello = await fetch(`${backend.siteUrl}/hello`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(await hello.json()).toMatchObject({ subject: "user-1" });
  });

  test("an expired or wrong-audience token leaves the client signed out", async () => {
    for (const token of [
      await jwt({}, { expiresAt: Math.floor(Date.now() / 1000) - 60 }),
      await jwt({}, { audience: "someone-else" }),
    ]) {
      const client = wsClient();
      const confirmed = new Promise<boolean>((resolve) =>
        client.setAuth(async () => token, resolve),
      );
      expect(await confirmed).toBe(false);
      expect(await client.query(api.messages.whoami, {})).toBeNull();
    }
  });
});

describe("local backend: the Convex CLI with --url and --admin-key", () => {
  test("convex run reaches public and internal functions; unknown names list the functions", async () => {
    const sent = await cli([
      "run",
      "messages:send",
      JSON.stringify({ body: "cli" }),
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toContain("[LOG] 'sending' 'cli'");

    const count = await cli(["run", "messages:count"]);
    expect(count.code, count.stderr).toBe(0);
    expect(Number(count.stdout)).toBeGreaterThanOrEqual(1);

    const missing = await cli(["run", "messages:nope"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(
      /Could not find function for 'messages:nope'/,
    );
    expect(missing.stderr).toContain("messages:sendLater");
  });

  test("convex env set reaches live queries; convex env get reads it back", async () => {
    const client = wsClient();
    const greeting = valueWhere<string | null>(
      (onValue) => client.onUpdate(api.messages.greeting, {}, onValue),
      (value) => value === "hello",
    );
    const set = await cli(["env", "set", "FIXTURE_GREETING", "hello"]);
    expect(set.code, set.stderr).toBe(0);
    expect(await greeting).toBe("hello");
    const get = await cli(["env", "get", "FIXTURE_GREETING"]);
    expect(get.stdout.trim()).toBe("hello");
  });
});
