/**
 * The project's own import graph, found by scanning its sources: which file
 * imports which (relative paths and the SPA's `@/` alias), and the cycles in
 * it. Generated code is left out: Convex's `_generated/api.d.ts` imports every
 * function module by design.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const ROOT = resolve(".");
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP = new Set([
  "node_modules",
  "dist",
  ".git",
  "test-results",
  "_generated",
]);
// Static and dynamic imports, re-exports, require() and vi.mock().
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bvi\.mock\s*\(\s*)["'`]([^"'`$]+)["'`]/g;
const RESOLVE_SUFFIXES = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

/** Project-relative paths of every source file under `dir`. */
export function sourceFiles(dir: string = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

/** A file's project-local imports: as written, and where they point (extension as written). */
export function importsOf(
  file: string,
): { specifier: string; target: string }[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(SPECIFIER)]
    .map(([, specifier]) => specifier!)
    .flatMap((specifier) => {
      if (specifier.startsWith("."))
        return [
          {
            specifier,
            target: relative(ROOT, resolve(dirname(file), specifier)),
          },
        ];
      if (specifier.startsWith("@/"))
        return [{ specifier, target: join("src", specifier.slice(2)) }];
      return [];
    });
}

/** The file an import target names ("convex/model/users" → "convex/model/users.ts"). */
function fileOf(target: string): string | null {
  for (const suffix of RESOLVE_SUFFIXES) {
    const path = target.replace(/\.js$/, "") + suffix;
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return existsSync(target) && statSync(target).isFile() ? target : null;
}

/** Every import cycle among `files`, each as "a > b > a". */
export function importCycles(paths: string[]): string[] {
  const files = paths.map((path) => relative(ROOT, resolve(path)));
  const known = new Set(files);
  const edges = new Map(
    files.map((file) => [
      file,
      importsOf(file)
        .map(({ target }) => fileOf(target))
        .filter((path): path is string => path !== null && known.has(path)),
    ]),
  );
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    if (path.includes(file)) {
      cycles.push([...path.slice(path.indexOf(file)), file].join(" > "));
      return;
    }
    if (done.has(file)) return;
    for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of edges.keys()) visit(file, []);
  return cycles;
}

/** How many project-local imports `files` make (so a broken scan can't pass vacuously). */
export function importCount(files: string[]): number {
  return files.reduce(
    (sum, file) =>
      sum + importsOf(file).filter(({ target }) => fileOf(target)).length,
    0,
  );
}
