/**
 * The local backend is a folder with one entry: every file outside
 * scripts/local-backend imports only its index.ts, so its internals can
 * change without breaking callers. Inside, the types module is a leaf and
 * no import cycle runs through the folder. Found by scanning the sources.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = resolve(".");
const FOLDER = "scripts/local-backend";
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP = new Set(["node_modules", "dist", ".git", "test-results"]);
// Static and dynamic imports, re-exports, require() and vi.mock().
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bvi\.mock\s*\(\s*)["'`]([^"'`$]+)["'`]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

/** Project-relative targets of a file's relative imports (extension as written). */
function importsOf(file: string): { specifier: string; target: string }[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(SPECIFIER)]
    .map(([, specifier]) => specifier!)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => ({
      specifier,
      target: relative(ROOT, resolve(dirname(file), specifier)),
    }));
}

const inFolder = (path: string) =>
  path === FOLDER || path.startsWith(`${FOLDER}/`);
const isIndex = (target: string) =>
  [FOLDER, `${FOLDER}/index`, `${FOLDER}/index.ts`].includes(target);
/** A folder module's name without extension ("scripts/local-backend/sync"). */
const moduleOf = (path: string) => path.replace(/\.(ts|js)$/, "");

describe("the local backend's boundary", () => {
  const files = sourceFiles(ROOT);

  test("files outside scripts/local-backend import only its index", () => {
    const outside = files.filter((file) => !inFolder(file));
    const reaching = outside.flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => inFolder(target))
        .map(({ specifier, target }) => ({ file, specifier, target })),
    );
    // The scan sees the callers (so a broken pattern can't pass vacuously).
    expect(reaching.map(({ file }) => file)).toContain("scripts/start.ts");
    expect(reaching.map(({ file }) => file)).toContain(
      "tests/e2e/support/app.ts",
    );
    const intoInternals = reaching
      .filter(({ target }) => !isIndex(target))
      .map(({ file, specifier }) => `${file}: ${specifier}`);
    expect(intoInternals).toEqual([]);
  });

  test("types.ts imports nothing from the folder", () => {
    const imports = importsOf(`${FOLDER}/types.ts`).filter(({ target }) =>
      inFolder(target),
    );
    expect(imports).toEqual([]);
  });

  test("no import cycle runs through the folder", () => {
    const modules = files.filter(inFolder);
    const edges = new Map(
      modules.map((file) => [
        moduleOf(file),
        importsOf(file)
          .map(({ target }) => moduleOf(target))
          .filter(inFolder),
      ]),
    );
    expect(edges.get(`${FOLDER}/index`)?.length).toBeGreaterThan(0);
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (module: string, path: string[]) => {
      if (path.includes(module)) {
        cycles.push([...path.slice(path.indexOf(module)), module].join(" > "));
        return;
      }
      if (done.has(module)) return;
      for (const next of edges.get(module) ?? [])
        visit(next, [...path, module]);
      done.add(module);
    };
    for (const module of edges.keys()) visit(module, []);
    expect(cycles).toEqual([]);
  });
});
