/**
 * The real Convex CLI pushing to the local backend, as `npm start` does: a
 * small project of its own (written here, file by file) goes through
 * `convex dev --once`, and each push is checked the way a deployment
 * behaves: new and edited functions go live for a client that is already
 * connected, data survives, new indexes work, and a push the deployment
 * must refuse (documents the new schema rejects, a Node built-in outside
 * "use node", a type error) changes nothing.
 */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runConvexCli } from "../../scripts/convexCli";
import {
  startLocalBackend,
  type LocalBackend,
} from "../../scripts/local-backend";

const api = anyApi;
let project: string;
let backend: LocalBackend;
const clients: ConvexClient[] = [];

function write(path: string, text: string) {
  const file = join(project, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const SCHEMA = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  notes: defineTable({ text: v.string() }),
});
`;

const NOTES = (greeting: string) => `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
export const greeting = query({ args: {}, handler: async () => "${greeting}" });
export const count = query({
  args: {},
  handler: async (ctx) => (await ctx.db.query("notes").collect()).length,
});
export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.db.insert("notes", { text });
  },
});
`;

async function push(typecheck: "enable" | "disable" = "enable") {
  return await runConvexCli(
    backend,
    ["dev", "--once", "--typecheck", typecheck],
    { projectRoot: project, workspace: `push-test-${process.pid}` },
  );
}

async function pushOk() {
  const result = await push();
  expect(result.stderr + result.stdout).toContain("Convex functions ready!");
  expect(result.code).toBe(0);
}

const http = () => new ConvexHttpClient(backend.cloudUrl);

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "cli-push-"));
  symlinkSync(resolve("node_modules"), join(project, "node_modules"), "dir");
  write(
    "package.json",
    JSON.stringify({ name: "push-fixture", dependencies: { convex: "*" } }),
  );
  write(
    "convex/tsconfig.json",
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "ESNext",
        moduleResolution: "Bundler",
        target: "ES2022",
        lib: ["ES2023"],
        skipLibCheck: true,
        noEmit: true,
        isolatedModules: true,
      },
      include: ["./**/*"],
      exclude: ["./_generated"],
    }),
  );
  write("convex/schema.ts", SCHEMA);
  write("convex/notes.ts", NOTES("hello"));
  backend = await startLocalBackend({ echoLogs: false });
  await pushOk();
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await backend?.close();
  rmSync(project, { recursive: true, force: true });
});

describe("the Convex CLI pushing to the local backend", () => {
  test("the first push writes _generated and serves the functions", async () => {
    expect(
      readFileSync(join(project, "convex/_generated/api.d.ts"), "utf8"),
    ).toContain(`import type * as notes from "../notes.js";`);
    expect(await http().query(api.notes.greeting, {})).toBe("hello");
  });

  test("an edited function and a new module go live for a connected client; data stays", async () => {
    await http().mutation(api.notes.add, { text: "kept" });
    const client = new ConvexClient(backend.cloudUrl);
    clients.push(client);
    const seen: string[] = [];
    client.onUpdate(api.notes.greeting, {}, (value: string) =>
      seen.push(value),
    );
    await expect.poll(() => seen).toEqual(["hello"]);

    write("convex/notes.ts", NOTES("hello again"));
    write(
      "convex/extra.ts",
      `import { query } from "./_generated/server";
export const ping = query({ args: {}, handler: async () => "pong" });
`,
    );
    await pushOk();
    await expect.poll(() => seen.at(-1)).toBe("hello again");
    expect(await http().query(api.extra.ping, {})).toBe("pong");
    expect(await http().query(api.notes.count, {})).toBe(1);
  });

  test("a new index is usable after the push", async () => {
    write(
      "convex/schema.ts",
      SCHEMA.replace(
        "notes: defineTable({ text: v.string() }),",
        'notes: defineTable({ text: v.string() }).index("by_text", ["text"]),',
      ),
    );
    write(
      "convex/byText.ts",
      `import { v } from "convex/values";
import { query } from "./_generated/server";
export const find = query({
  args: { text: v.string() },
  handler: async (ctx, { text }) =>
    (await ctx.db.query("notes").withIndex("by_text", (q) => q.eq("text", text)).unique())?.text ?? null,
});
`,
    );
    const result = await push();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Added table indexes:[\s\S]*notes\.by_text/);
    expect(await http().query(api.byText.find, { text: "kept" })).toBe("kept");
  });

  test("a schema that stored documents violate is refused; the old functions keep answering", async () => {
    const before = readFileSync(join(project, "convex/schema.ts"), "utf8");
    write(
      "convex/schema.ts",
      before.replace("text: v.string()", "text: v.string(), done: v.boolean()"),
    );
    write("convex/notes.ts", NOTES("from the refused push"));
    // The deployment's check, not TypeScript's (`add` no longer type-checks).
    const result = await push("disable");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("Schema validation failed");
    expect(result.stderr).toMatch(/table "notes" does not match the schema/);
    expect(await http().query(api.notes.greeting, {})).toBe("hello again");
    expect(await http().query(api.notes.count, {})).toBe(1);
    write("convex/schema.ts", before);
    write("convex/notes.ts", NOTES("hello again"));
  });

  test("a default-runtime file that imports a Node built-in fails the push", async () => {
    write(
      "convex/nodey.ts",
      `import { readFileSync } from "node:fs";
import { query } from "./_generated/server";
export const read = query({ args: {}, handler: async () => readFileSync("/etc/hostname", "utf8") });
`,
    );
    const result = await push();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`"use node"`);
    expect(await http().query(api.notes.greeting, {})).toBe("hello again");
    await expect(http().query(api.nodey.read, {})).rejects.toThrow(
      /Could not find public function/,
    );
    rmSync(join(project, "convex/nodey.ts"));
  });

  test("a type error shows the CLI's message and changes nothing", async () => {
    write(
      "convex/broken.ts",
      `import { query } from "./_generated/server";
export const wrong = query({ args: {}, handler: async () => { const n: number = "text"; return n; } });
`,
    );
    write("convex/notes.ts", NOTES("from the broken push"));
    const result = await push();
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(
      /Type 'string' is not assignable to type 'number'/,
    );
    expect(await http().query(api.notes.greeting, {})).toBe("hello again");
    rmSync(join(project, "convex/broken.ts"));
    write("convex/notes.ts", NOTES("hello again"));
    await pushOk();
  });
});
