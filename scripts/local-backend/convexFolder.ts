/**
 * Loads any convex/ folder from disk into what convex-test needs: the schema
 * and a `path → import()` map of every module. The map is built by walking
 * the folder at run time, so new or renamed app functions need no change
 * here. Imports go through `import()` so that under vite-node/vitest each
 * file gets Vite's transform (TypeScript, import.meta.glob).
 */
import { readdirSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { AppSetup, RegisterComponents } from "./types";

const MODULE_FILE = /\.(ts|tsx|js|mts|mjs)$/;
const DECLARATION_FILE = /\.d\.[mc]?ts$/;

function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" ? [] : moduleFiles(path);
    return MODULE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)
      ? [path]
      : [];
  });
}

function importFile(path: string): Promise<unknown> {
  return import(/* @vite-ignore */ pathToFileURL(path).href);
}

/**
 * The app's hook: a function, or the path of a module exporting
 * `registerComponents(t)` (resolved from the working directory).
 */
export async function resolveRegisterComponents(
  hook: string | RegisterComponents | undefined,
): Promise<RegisterComponents | undefined> {
  if (hook === undefined || typeof hook === "function") return hook;
  const path = isAbsolute(hook) ? hook : resolve(hook);
  const exported = ((await importFile(path)) as Record<string, unknown>)
    .registerComponents;
  if (typeof exported !== "function")
    throw new Error(`${hook} does not export registerComponents(t).`);
  return exported as RegisterComponents;
}

/** Schema and modules of `convexDir`; the schema is optional, as in Convex. */
export async function loadConvexFolder(
  convexDir: string,
  registerComponents?: string | RegisterComponents,
): Promise<AppSetup> {
  const root = resolve(convexDir);
  const modules: AppSetup["modules"] = {};
  for (const file of moduleFiles(root)) {
    // Forward slashes: convex-test matches keys against "module/path" names.
    modules[file.split("\\").join("/")] = () => importFile(file);
  }
  if (!Object.keys(modules).some((path) => path.includes("/_generated/")))
    throw new Error(
      `${root} has no _generated folder: run \`npx convex codegen\` first.`,
    );
  const schemaFile = Object.keys(modules).find((path) =>
    /^\/schema\.[mc]?[jt]s$/.test(path.slice(root.length)),
  );
  const schema = schemaFile
    ? ((await modules[schemaFile]!()) as { default: AppSetup["schema"] })
        .default
    : undefined;
  return {
    schema,
    modules,
    registerComponents: await resolveRegisterComponents(registerComponents),
  };
}
