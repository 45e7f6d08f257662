/**
 * How Paraglide JS compiles messages/ (project.inlang) into src/paraglide/:
 * one set of options for the Vite plugin (npm start, the build) and for
 * `npm run i18n` (install, tests, `npm run dev`). See docs/languages.md.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { compile, type CompilerOptions } from "@inlang/paraglide-js";

export const PARAGLIDE_OPTIONS = {
  project: "./project.inlang",
  outdir: "./src/paraglide",
  // The person's choice in this browser, then the browser's languages.
  // A signed-in user's stored choice is applied over these (src/lib/locale.ts).
  strategy: ["localStorage", "preferredLanguage", "baseLocale"],
  localStorageKey: "locale",
} satisfies CompilerOptions;

const SOURCES = ["messages", "project.inlang/settings.json"];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path).map((name) => newestChange(join(path, name))),
  );
}

/**
 * Compiles when src/paraglide/ is missing or older than a message: the
 * backend's emails import it before Vite's plugin has run (`npm start`
 * pushes convex/ first).
 */
export async function compileMessagesIfStale(): Promise<void> {
  const output = join(PARAGLIDE_OPTIONS.outdir, "runtime.js");
  const stale =
    !existsSync(output) ||
    Math.max(...SOURCES.map(newestChange)) > statSync(output).mtimeMs;
  if (stale) await compile(PARAGLIDE_OPTIONS);
}
