/**
 * No import cycles in the project's own code (convex/, src/, scripts/,
 * tests/): a cycle means code with the wrong owner, and it makes module
 * initialisation order matter. Generated code is left out (Convex's
 * `_generated/api.d.ts` imports every function module by design).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { expect, test } from "vitest";
import { importCount, importCycles, sourceFiles } from "./support/importGraph";

test("no import cycle anywhere in the project's own code", () => {
  const files = sourceFiles();
  expect(files).toContain("convex/authorization.ts");
  expect(files).toContain("src/main.tsx");
  expect(importCount(files)).toBeGreaterThan(300);
  expect(importCycles(files)).toEqual([]);
});

test("the scan finds a cycle when there is one", () => {
  const dir = mkdtempSync(join(tmpdir(), "cycle-"));
  writeFileSync(
    join(dir, "a.ts"),
    'import { b } from "./b";\nexport const a = b;\n',
  );
  writeFileSync(join(dir, "b.ts"), 'export { a as b } from "./a.ts";\n');
  writeFileSync(
    join(dir, "c.ts"),
    'import { a } from "./a";\nexport const c = a;\n',
  );
  const [cycle, ...others] = importCycles(
    ["a.ts", "b.ts", "c.ts"].map((name) => join(dir, name)),
  );
  expect(others).toEqual([]);
  expect(cycle?.split(" > ").map((path) => basename(path))).toEqual([
    "a.ts",
    "b.ts",
    "a.ts",
  ]);
  rmSync(dir, { recursive: true });
});
