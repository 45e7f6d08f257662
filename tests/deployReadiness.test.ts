/**
 * Things a real deployment needs that convex-test would let slip: a first
 * push succeeds before any variable is set (modules load without them), no
 * Node-only API in default-runtime files (ESLint refuses them; this proves
 * the rule is on), and at most one paginated query per function.
 * Also: nested calls stay well under Convex's call depth limit of 8.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import {
  asSession,
  authFetch,
  finishScheduled,
  makeBackend,
  newUser,
  PASSWORD,
  setTestEnv,
  signInSession,
  signUp,
} from "./support/backend";

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
    // The Better Auth component's modules load inside the component, which
    // never sees the deployment's variables.
    const modules = import.meta.glob([
      "../convex/*.ts",
      "../convex/betterAuth/*.ts",
      "!../convex/**/convex.config.ts",
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

/** Convex's MAX_REACTOR_CALL_DEPTH (crates/common/src/knobs.rs). */
const CONVEX_MAX_CALL_DEPTH = 8;
/** Ours: half of it, so a new layer of calls gets noticed in review. */
const CALL_DEPTH_BUDGET = 4;

type ConvexGlobal = {
  syscall: unknown;
  jsSyscall: unknown;
  asyncSyscall: (op: string, args: string) => Promise<string>;
};

/**
 * Counts how deep function calls nest, by watching the syscalls through
 * which a Convex function calls another (the same ones a deployment counts).
 * A function the test calls is depth 1.
 */
function trackCallDepth() {
  const holder = globalThis as unknown as { Convex: ConvexGlobal };
  const real = holder.Convex;
  const depth = new AsyncLocalStorage<number>();
  const seen = { deepest: 0 };
  const nested = new Set([
    "1.0/runUdf",
    "1.0/actions/query",
    "1.0/actions/mutation",
    "1.0/actions/action",
  ]);
  holder.Convex = {
    get syscall() {
      return real.syscall;
    },
    get jsSyscall() {
      return real.jsSyscall;
    },
    get asyncSyscall() {
      const inner = real.asyncSyscall;
      return async (op: string, args: string) => {
        if (!nested.has(op)) return await inner(op, args);
        const level = (depth.getStore() ?? 1) + 1;
        seen.deepest = Math.max(seen.deepest, level);
        return await depth.run(level, () => inner(op, args));
      };
    },
  };
  return { seen, restore: () => (holder.Convex = real) };
}

describe("call depth", () => {
  test(`the deepest chain of nested calls stays within ${CALL_DEPTH_BUDGET} (Convex allows ${CONVEX_MAX_CALL_DEPTH})`, async () => {
    const t = makeBackend();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const tracker = trackCallDepth();
    try {
      // Sign-up (trigger), verification, sign-in (rate limiter), a note, an
      // admin's delete (trigger + cascade), a self-delete, the doctor.
      const admin = newUser("admin");
      await t.action(internal.adminSetup.createAdminUser, admin);
      const asAdmin = await asSession(t, await signInSession(t, admin));
      const other = await signUp(t, newUser());
      const asOther = await asSession(t, other);
      await asOther.mutation(api.notes.create, { text: "hi" });
      const row = (await asOther.query(api.users.me, {}))!;
      await asAdmin.mutation(api.admin.deleteUser, { userId: row._id });
      const leaving = await signUp(t, newUser());
      await authFetch(t, "/delete-user", {
        cookie: leaving.cookie,
        body: { password: PASSWORD },
      });
      await t.mutation(internal.doctor.run, { repair: true });
      await finishScheduled(t);
    } finally {
      tracker.restore();
    }
    console.info(`deepest call chain: ${tracker.seen.deepest}`);
    // The trigger path: HTTP action → component delete → onDelete → the
    // component's deleteMany is the deepest.
    expect(tracker.seen.deepest).toBeGreaterThanOrEqual(3);
    expect(tracker.seen.deepest).toBeLessThanOrEqual(CALL_DEPTH_BUDGET);
  });
});
