/**
 * convex/betterAuth/generatedSchema.ts is Better Auth's own CLI output for
 * the plugins configured in convex/auth.ts. `npm run auth:schema`, run on a
 * throwaway copy of the project, must write exactly the committed file; and
 * the "Adding a Better Auth plugin" steps (docs/how-it-works.md), followed on a copy, must
 * give the new plugin its fields (and make the committed schema stale).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { copyProject, type ProjectCopy } from "./e2e/support/projectCopy";

const SCHEMA = join("convex", "betterAuth", "generatedSchema.ts");

/** `npm run <script>` in `dir`; fails with its output unless it succeeds. */
async function npmRun(dir: string, script: string): Promise<void> {
  // Not spawnSync: a worker blocked that long fails Vitest's own progress
  // reports (tests/support/backend.ts, withLoopTurns).
  const child = spawn("npm", ["run", script], {
    cwd: dir,
    // The Convex CLI's crash reports can't leave this machine.
    env: { ...process.env, CI: "1" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  expect(code, `npm run ${script}:\n${output}`).toBe(0);
}

const copies: ProjectCopy[] = [];
afterAll(() => copies.forEach((copy) => copy.remove()));

function freshCopy(): string {
  const copy = copyProject("auth-schema-");
  copies.push(copy);
  return copy.dir;
}

describe("the Better Auth schema", () => {
  test("the committed convex/betterAuth/generatedSchema.ts is what npm run auth:schema writes", async () => {
    const dir = freshCopy();
    await npmRun(dir, "auth:schema");
    const generated = readFileSync(join(dir, SCHEMA), "utf8");
    expect(
      generated === readFileSync(SCHEMA, "utf8"),
      "convex/betterAuth/generatedSchema.ts is stale: run `npm run auth:schema` (then `npm run codegen`) and commit the result.",
    ).toBe(true);
  }, 60_000);

  test("adding a plugin as docs/how-it-works.md says gives it its fields, through to the component's API", async () => {
    const dir = freshCopy();
    // Step 1: the plugin goes into the plugin list in convex/auth.ts.
    const authFile = join(dir, "convex", "auth.ts");
    const source = readFileSync(authFile, "utf8");
    const withPlugin = source
      .replace(
        'import { twoFactor } from "better-auth/plugins/two-factor";',
        'import { twoFactor } from "better-auth/plugins/two-factor";\nimport { username } from "better-auth/plugins/username";',
      )
      .replace("plugins: [\n", "plugins: [\n      username(),\n");
    expect(withPlugin).not.toBe(source);
    writeFileSync(authFile, withPlugin);

    // Step 2: the schema follows.
    await npmRun(dir, "auth:schema");
    const schema = readFileSync(join(dir, SCHEMA), "utf8");
    expect(schema).toMatch(
      /username: v\.optional\(v\.union\(v\.null\(\), v\.string\(\)\)\)/,
    );
    expect(schema).toMatch(/\.index\("username", \["username"\]\)/);
    // The committed schema no longer matches: the first test would fail.
    expect(schema).not.toBe(readFileSync(SCHEMA, "utf8"));

    // Step 3: the Convex CLI's codegen types the component's functions with it.
    await npmRun(dir, "codegen");
    const api = readFileSync(
      join(dir, "convex", "betterAuth", "_generated", "component.ts"),
      "utf8",
    );
    expect(api).toMatch(/username\?: null \| string;/);
  }, 120_000);
});
