/**
 * Error codes have one owner (convex/errors.ts): every code the backend
 * answers with is declared there with its message, and errors are built only
 * through its `appError` and convex/authInput.ts's `authRefusal`, so no
 * module writes a code or a message of its own for the SPA to copy.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ERROR_MESSAGES } from "../convex/errors";

const sources = readdirSync("convex")
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({ file, text: readFileSync(join("convex", file), "utf8") }));

describe("error codes have one owner", () => {
  test("every code thrown in convex/ is declared with its message", () => {
    const thrown = new Set<string>();
    for (const { text } of sources) {
      for (const match of text.matchAll(
        /(?:appError|authRefusal|refuse)\(\s*(?:"[A-Z_]+",\s*)?"([A-Z_]+)"/g,
      )) {
        thrown.add(match[1]!);
      }
      for (const match of text.matchAll(/\bcode: "([A-Z_]+)"/g)) {
        thrown.add(match[1]!);
      }
    }
    expect(thrown.size).toBeGreaterThan(15);
    const undeclared = [...thrown].filter((code) => !(code in ERROR_MESSAGES));
    expect(undeclared, "Declare these in convex/errors.ts").toEqual([]);
  });

  test("errors are built only by the two helpers", () => {
    const builders = sources
      .filter(({ file }) => !["errors.ts", "authInput.ts"].includes(file))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/new (ConvexError|APIError)\(([^)]*)/g)]
          // Better Auth's own "account not linked" answer has no code.
          .filter((match) => !match[2]!.includes("NOT_LINKED"))
          // The limiter's refusal carries Retry-After; its code is typed.
          .filter((match) => !match[2]!.includes("status === 429"))
          .map((match) => `${file}: new ${match[1]}(${match[2]!.slice(0, 40)}`),
      );
    expect(builders).toEqual([]);
  });

  test("the SPA takes the app's messages from the same module", () => {
    const spa = readFileSync("src/lib/authErrors.ts", "utf8");
    expect(spa).toContain('from "../../convex/errors"');
    for (const message of Object.values(ERROR_MESSAGES)) {
      expect(spa).not.toContain(message);
    }
  });
});
