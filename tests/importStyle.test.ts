/**
 * One import style in the SPA: the `@/` alias for anything under src/, the
 * one shadcn/ui's CLI writes (components.json), so a component it adds fits
 * in as is. ESLint refuses relative imports in src/ (eslint.config.js); this
 * proves the rule is on. Only the backend (`../convex/…`), which the alias
 * doesn't reach, is imported by a relative path.
 */
import { ESLint } from "eslint";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");

test("ESLint refuses relative imports of src/ modules, static or dynamic, and allows the backend's", async () => {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(
    [
      'import { cn } from "../lib/utils";',
      'import type { AuthClient } from "./auth-client";',
      'export { optionalPage } from "./search";',
      'import { api } from "../../convex/_generated/api";',
      'import { returnPath } from "@/lib/search";',
      'export const all = [cn, api, returnPath, import("../pages/Settings")];',
      "export type Client = AuthClient;",
      "",
    ].join("\n"),
    { filePath: join(ROOT, "src", "lib", "example.ts") },
  );
  const refused = result!.messages.map((m) => [m.line, m.ruleId]);
  expect(refused).toEqual([
    [1, "no-restricted-imports"],
    [2, "no-restricted-imports"],
    [3, "no-restricted-imports"],
    [6, "no-restricted-syntax"],
  ]);
});

test("shadcn/ui's CLI writes the same style: components.json's aliases are `@/` paths", () => {
  const config = JSON.parse(
    readFileSync(join(ROOT, "components.json"), "utf8"),
  ) as { aliases: Record<string, string> };
  for (const alias of Object.values(config.aliases))
    expect(alias).toMatch(/^@\//);
});
