/**
 * The local backend is a folder with one entry: every file outside
 * scripts/local-backend imports only its index.ts, so its internals can
 * change without breaking callers. Inside, the types module is a leaf and
 * no import cycle runs through the folder. Found by scanning the sources.
 */
import { describe, expect, test } from "vitest";
import { importCycles, importsOf, sourceFiles } from "../support/importGraph";

const FOLDER = "scripts/local-backend";

const inFolder = (path: string) =>
  path === FOLDER || path.startsWith(`${FOLDER}/`);
const isIndex = (target: string) =>
  [FOLDER, `${FOLDER}/index`, `${FOLDER}/index.ts`].includes(target);

describe("the local backend's boundary", () => {
  const files = sourceFiles();

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
    expect(modules).toContain(`${FOLDER}/index.ts`);
    expect(importCycles(modules)).toEqual([]);
  });
});
