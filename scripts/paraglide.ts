/**
 * How Paraglide JS compiles messages/ (project.inlang) into src/paraglide/:
 * one set of options for the Vite plugin (npm start, the build) and for
 * `npm run i18n` (tests, typecheck, the Convex push). See docs/languages.md.
 */
import type { CompilerOptions } from "@inlang/paraglide-js";

export const PARAGLIDE_OPTIONS = {
  project: "./project.inlang",
  outdir: "./src/paraglide",
  // The person's choice in this browser, then the browser's languages.
  // A signed-in user's stored choice is applied over these (src/lib/locale.ts).
  strategy: ["localStorage", "preferredLanguage", "baseLocale"],
  localStorageKey: "locale",
} satisfies CompilerOptions;
