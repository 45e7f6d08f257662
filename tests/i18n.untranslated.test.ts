/**
 * Every word a person reads in the SPA comes from messages/ (Paraglide), in
 * every language: this fails on English left in src/ and on a message
 * missing from a language (Paraglide would silently show the base one).
 *
 * What counts as a user-visible string in src/ (read with TypeScript's
 * parser, not a regular expression):
 * - JSX text with a letter in it;
 * - a string in a JSX attribute, unless the attribute is technical
 *   (TECHNICAL_ATTRIBUTES: class names, types, routes, ids…);
 * - any other string or template literal that reads as prose: a capitalized
 *   word followed by more text ("Sign in", "Something went wrong.").
 * A string that is never shown (a console message, a developer's error)
 * stays in English with `// i18n: <why>` on the line above it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const SRC = "src";
const SKIPPED_DIRS = new Set(["paraglide"]);

/** Attributes whose strings are for the browser or the code, never read. */
const TECHNICAL_ATTRIBUTES = new Set([
  "className",
  "type",
  "autoComplete",
  "id",
  "name",
  "href",
  "to",
  "from",
  "variant",
  "size",
  "role",
  "inputMode",
  "rel",
  "target",
  "htmlFor",
  "as",
  "key",
  "side",
  "align",
  "method",
  "action",
  "src",
  "dateTime",
  "pattern",
  "lang",
  "dir",
  "mode",
  "value",
  "defaultValue",
  "form",
  "enterKeyHint",
  "autoCapitalize",
  "spellCheck",
  "sandbox",
  "referrerPolicy",
  "loading",
  "decoding",
  "fill",
  "stroke",
  "viewBox",
  "shapeRendering",
  "xmlns",
  "d",
  "strokeWidth",
  "strokeLinecap",
  "strokeLinejoin",
  "orientation",
  "position",
  "theme",
  "testId",
  "provider",
  "section",
  "icon",
  "tone",
  "status",
  "state",
  "kind",
  "aria-live",
  "aria-hidden",
  "aria-current",
  "aria-describedby",
  "aria-labelledby",
  "aria-controls",
  "aria-invalid",
  "aria-busy",
  "aria-expanded",
  "aria-haspopup",
  "aria-modal",
]);

// A capitalized word, alone or leading a sentence: "Saved", "Sign in".
const PROSE = /^\s*\p{Lu}\p{Ll}+(?:[’']\p{Ll}+)?(?:$|[\s,:;.!?…—–-])/u;
const LETTER = /\p{L}/u;
const IGNORE_COMMENT = /\/\/\s*i18n:/;

type Finding = { file: string; line: number; text: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")
      ? [path]
      : [];
  });
}

/** Inside an import, a type, or a call whose strings nobody reads. */
function isCodeOnly(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (
      ts.isImportDeclaration(at) ||
      ts.isExportDeclaration(at) ||
      ts.isTypeNode(at) ||
      ts.isLiteralTypeNode(at)
    )
      return true;
    if (ts.isCallExpression(at)) {
      const callee = at.expression.getText();
      if (/^console\.|^(import|require)$/.test(callee)) return true;
    }
    if (ts.isJsxAttribute(at) || ts.isStatement(at)) break;
  }
  return false;
}

function attributeName(node: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isJsxAttribute(at)) return at.name.getText();
    if (ts.isJsxExpression(at) || ts.isParenthesizedExpression(at)) continue;
    if (ts.isConditionalExpression(at) || ts.isBinaryExpression(at)) continue;
    return undefined;
  }
  return undefined;
}

function untranslated(file: string): Finding[] {
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const findings: Finding[] = [];
  const report = (node: ts.Node, value: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line;
    // The comment may sit on the line above the string or above its statement.
    const above = lines.slice(Math.max(0, line - 3), line + 1).join("\n");
    if (IGNORE_COMMENT.test(above)) return;
    findings.push({ file, line: line + 1, text: value.trim().slice(0, 60) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text);
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (!isCodeOnly(node)) {
        const attribute = attributeName(node);
        if (attribute !== undefined) {
          const technical =
            TECHNICAL_ATTRIBUTES.has(attribute) ||
            attribute.startsWith("data-") ||
            attribute.startsWith("on");
          if (!technical && LETTER.test(node.text)) report(node, node.text);
        } else if (PROSE.test(node.text)) report(node, node.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe("languages", () => {
  test("src/ shows no words that aren't in messages/", () => {
    const findings = sourceFiles(SRC).flatMap(untranslated);
    expect(
      findings.map(({ file, line, text }) => `${file}:${line} ${text}`),
    ).toEqual([]);
  });

  test("the check finds English left in JSX, attributes and code", () => {
    const sample = join("tests", "fixtures", "i18nUntranslated.tsx");
    expect(untranslated(sample).map(({ text }) => text)).toEqual([
      "Something went wrong.",
      "Close",
      "Welcome back.",
      "Your email",
      "Saved",
    ]);
  });

  test("every language has every message", () => {
    const settings = JSON.parse(
      readFileSync("project.inlang/settings.json", "utf8"),
    ) as { locales: string[]; baseLocale: string };
    const files = readdirSync(join("messages", settings.baseLocale));
    const keys = (locale: string, file: string) =>
      Object.keys(
        JSON.parse(readFileSync(join("messages", locale, file), "utf8")),
      ).sort();
    for (const locale of settings.locales) {
      expect(readdirSync(join("messages", locale)).sort()).toEqual(
        [...files].sort(),
      );
      for (const file of files)
        expect(keys(locale, file), `${locale}/${file}`).toEqual(
          keys(settings.baseLocale, file),
        );
    }
  });
});
