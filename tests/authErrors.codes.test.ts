/**
 * Every error code of Better Auth's core and of the plugins this app runs
 * has a written message in src/lib/authErrors.ts, or is listed there as not
 * reachable from this SPA, with why. An upgrade that adds a code fails here
 * until someone decides. The SPA never shows a library's raw text.
 */
import { BASE_ERROR_CODES } from "@better-auth/core/error";
import { afterEach, describe, expect, test, vi } from "vitest";
import { authOptionsForSchema } from "../convex/auth";
import { AUTH_ROUTES } from "../convex/authRoutes";
import { ConvexError } from "convex/values";
import {
  DETAILS,
  type Detail,
  ERROR_MESSAGES,
  errorData,
} from "../convex/errors";
import {
  describeAuthError,
  describeConvexError,
  NOT_REACHABLE,
} from "../src/lib/authErrors";

type CodeTable = Record<string, { code: string; message: string }>;

type Plugin = {
  id: string;
  $ERROR_CODES?: CodeTable;
  endpoints?: Record<string, { path?: string }>;
};

/**
 * A plugin all of whose routes are off (the organization plugin: its tables
 * only) answers nothing over HTTP, so none of its codes reach the SPA.
 */
function allRoutesOff(plugin: Plugin): boolean {
  const paths = Object.values(plugin.endpoints ?? {}).flatMap((endpoint) =>
    endpoint.path ? [endpoint.path] : [],
  );
  return (
    paths.length > 0 && paths.every((path) => AUTH_ROUTES[path]?.use === "off")
  );
}

/** Better Auth's codes: its core's, and those of each plugin the app runs. */
function betterAuthCodes(): Map<string, string> {
  const plugins = authOptionsForSchema({} as never).plugins as Plugin[];
  const tables: [string, CodeTable][] = [
    ["core", BASE_ERROR_CODES as CodeTable],
    ...plugins
      .filter((p) => !allRoutesOff(p))
      .map((p): [string, CodeTable] => [p.id, p.$ERROR_CODES ?? {}]),
  ];
  const codes = new Map<string, string>();
  for (const [source, table] of tables)
    for (const { code, message } of Object.values(table))
      codes.set(code, `${message} (${source})`);
  return codes;
}

const codes = betterAuthCodes();
const generic = describeAuthError(null);

afterEach(() => vi.restoreAllMocks());

describe("Better Auth's error codes", () => {
  test("the organization plugin's codes are unreachable: every route of it is off", () => {
    const plugins = authOptionsForSchema({} as never).plugins as Plugin[];
    const organization = plugins.find((p) => p.id === "organization")!;
    expect(allRoutesOff(organization)).toBe(true);
    expect(codes.has("ORGANIZATION_NOT_FOUND")).toBe(false);
  });

  test("the tables are read (core, two-factor, passkey, admin)", () => {
    expect(codes.size).toBeGreaterThan(80);
    for (const code of ["INVALID_CODE", "PASSKEY_NOT_FOUND", "BANNED_USER"])
      expect(codes.has(code)).toBe(true);
  });

  test.each([...codes])(
    "%s has a written message, or is listed as not reachable",
    (code, libraryText) => {
      if (NOT_REACHABLE[code]) return;
      const raw = libraryText.replace(/ \([^)]*\)$/, "");
      const shown = describeAuthError({ code, message: raw, status: 400 });
      expect(shown).not.toBe(raw);
      expect(shown).not.toBe(generic);
    },
  );

  test("the list of unreachable codes names only codes that exist", () => {
    expect(Object.keys(NOT_REACHABLE).filter((c) => !codes.has(c))).toEqual([]);
  });
});

describe("what describeAuthError shows", () => {
  test("the app's codes in the user's words: English as the server's defaults", () => {
    const own = Object.keys(ERROR_MESSAGES).filter((code) => !codes.has(code));
    for (const code of own) {
      const english = ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES];
      // The server's words are for logs: the SPA words the code itself.
      const message = `${english} (specifics)`;
      expect(describeAuthError({ code, message })).toBe(english);
    }
    for (const [code, english] of Object.entries(ERROR_MESSAGES)) {
      const error = new ConvexError({ code, message: "(the server's words)" });
      expect(describeConvexError(error)).toBe(english);
    }
  });

  test("each specific case in the user's words: English as the server's", () => {
    // Any params: each names the same value on both sides.
    const params = new Proxy({}, { get: () => "7" });
    for (const key of Object.keys(DETAILS)) {
      const data = errorData("INVALID_INPUT", { key, params } as Detail);
      expect(data.detail).toBe(key);
      expect(describeAuthError({ ...data, params })).toBe(data.message);
      expect(describeConvexError(new ConvexError({ ...data, params }))).toBe(
        data.message,
      );
    }
    const limited = errorData("RATE_LIMITED", {
      key: "retry_in_seconds",
      params: { seconds: 42 },
    });
    expect(limited).toEqual({
      code: "RATE_LIMITED",
      message: "Too many attempts. Try again in 42 seconds.",
      detail: "retry_in_seconds",
      params: { seconds: 42 },
    });
    expect(describeAuthError(limited)).toBe(limited.message);
    // A detail this SPA doesn't know: the code's words.
    expect(
      describeAuthError({ code: "NOT_FOUND", detail: "unknown", message: "x" }),
    ).toBe(ERROR_MESSAGES.NOT_FOUND);
  });

  test("Better Auth's validation text never; an email problem as one", () => {
    expect(
      describeAuthError({
        code: "VALIDATION_ERROR",
        message: "[body.email] Invalid email address",
      }),
    ).toBe("Enter a valid email address.");
    expect(
      describeAuthError({
        code: "VALIDATION_ERROR",
        message: "[body.name] Expected string",
      }),
    ).toBe("Some of what you entered isn't accepted. Check it and try again.");
  });

  test("no code, or one listed as unreachable: a written message, the details for the developer", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const raw = { message: "Failed to fetch", status: 0 };
    expect(describeAuthError(raw)).toBe(generic);
    expect(warn).toHaveBeenCalledWith(expect.any(String), raw);
    const unreachable = {
      code: "FIELD_NOT_ALLOWED",
      message: "Field not allowed to be set",
    };
    expect(describeAuthError(unreachable)).toBe(generic);
    expect(warn).toHaveBeenCalledWith(expect.any(String), unreachable);
    expect(
      describeAuthError({ message: "Too many requests", status: 429 }),
    ).toBe(ERROR_MESSAGES.RATE_LIMITED);
  });
});
