/**
 * Things a real deployment needs that convex-test would let slip: a first
 * push succeeds before any variable is set (modules load without them), no
 * Node-only API in default-runtime files (ESLint refuses them; this proves
 * the rule is on), and at most one paginated query per function.
 *
 * Call depth (Convex allows 8 nested calls) has no automatic check: the
 * deepest chain is admin:deleteUser → the component's deleteOne → the
 * onDelete trigger → the component's deleteMany, 4 levels.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { afterEach, describe, expect, test, vi } from "vitest";
import { makeBackend, setTestEnv } from "./support/backend";

const CONVEX_DIR = join(import.meta.dirname, "..", "convex");
const VARIABLES = [
  "SITE_URL",
  "BETTER_AUTH_SECRET",
  "CONVEX_SITE_URL",
  "RESEND_API_KEY",
  "EMAIL_FROM",
  "RESEND_WEBHOOK_SECRET",
  "TRUSTED_IP_HEADER",
];

const sources = () =>
  readdirSync(CONVEX_DIR)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => ({
      name,
      text: readFileSync(join(CONVEX_DIR, name), "utf8"),
    }));

afterEach(setTestEnv);

describe("a deployment before and after its variables are set", () => {
  test("every convex/ module loads with no variable set (the first push)", async () => {
    for (const name of VARIABLES) delete process.env[name];
    vi.resetModules();
    // convex.config.ts is bundled apart, by the CLI, not loaded as functions.
    const modules = import.meta.glob([
      "../convex/*.ts",
      "!../convex/convex.config.ts",
    ]);
    expect(Object.keys(modules).length).toBeGreaterThan(10);
    for (const [path, load] of Object.entries(modules)) {
      await expect(load(), path).resolves.toBeDefined();
    }
    // The router and the crons, evaluated at push time, are complete.
    const http = (await import("../convex/http")).default;
    const paths = http.getRoutes().map(([path]) => path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/auth/*",
        "/api/config-check",
        "/resend-webhook",
      ]),
    );
  });
});

describe("Convex's default runtime", () => {
  test("no file in convex/ asks for the Node runtime", () => {
    const useNode = sources().filter(({ text }) =>
      /^\s*["']use node["']/m.test(text),
    );
    expect(useNode.map(({ name }) => name)).toEqual([]);
  });

  test("ESLint refuses Node-only modules and globals in convex/", async () => {
    const eslint = new ESLint();
    const [result] = await eslint.lintText(
      [
        'import { readFileSync } from "node:fs";',
        'import path from "path";',
        "export const size = Buffer.byteLength(readFileSync(path.join('a')));",
        "",
      ].join("\n"),
      { filePath: join(CONVEX_DIR, "example.ts") },
    );
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules.filter((r) => r === "no-restricted-imports")).toHaveLength(2);
    expect(rules).toContain("no-restricted-globals");
  });
});

describe("one paginated query per function", () => {
  // A deployment refuses a second `.paginate()` in one function execution.
  // convex-test refuses it too, always, so every test that runs a paginating
  // function (admin:listUsers with and without search, admin:auditLog, the
  // doctor's steps) checks it; this proves the guard is still there.
  test("convex-test refuses a second paginated query in one function", async () => {
    const t = makeBackend();
    const page = { numItems: 1, cursor: null };
    await expect(
      t.run(async (ctx) => {
        await ctx.db.query("users").paginate(page);
        await ctx.db.query("notes").paginate(page);
      }),
    ).rejects.toThrow(/Only a single paginated query/);
  });
});
