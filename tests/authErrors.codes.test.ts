/**
 * Every error code of Better Auth's core and of the plugins this app runs
 * has a written message in src/lib/authErrors.ts, or is listed below as not
 * reachable from this SPA, with why. An upgrade that adds a code fails here
 * until someone decides. The SPA never shows a library's raw text.
 */
import { BASE_ERROR_CODES } from "@better-auth/core/error";
import { afterEach, describe, expect, test, vi } from "vitest";
import { authOptionsForSchema } from "../convex/auth";
import { ERROR_MESSAGES } from "../convex/errors";
import { describeAuthError } from "../src/lib/authErrors";

const NOT_REACHABLE: Record<string, string> = {
  ID_TOKEN_NOT_SUPPORTED: "the SPA never signs in with an ID token",
  CHANGE_EMAIL_DISABLED: "changing the email is on (convex/auth.ts)",
  VERIFICATION_EMAIL_NOT_ENABLED: "verification emails are on",
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED:
    "the SPA signs in with fetch, never a cross-site navigation",
  FIELD_NOT_ALLOWED: "the SPA sends only the fields the routes take",
  ASYNC_VALIDATION_NOT_SUPPORTED: "the app's schemas are synchronous",
  METHOD_NOT_ALLOWED_DEFER_SESSION_REQUIRED: "the SPA reads the session by GET",
  BODY_MUST_BE_AN_OBJECT: "the auth client always sends an object",
  // Two-factor by authenticator app only: no emailed one-time codes.
  OTP_NOT_ENABLED: "no emailed two-factor codes (no otpOptions)",
  OTP_HAS_EXPIRED: "no emailed two-factor codes (no otpOptions)",
  // Passkeys are added only by a signed-in user (requireSession).
  RESOLVE_USER_REQUIRED: "passkeys need a session to be added",
  RESOLVED_USER_INVALID: "passkeys need a session to be added",
  // The admin plugin's routes other than a view as a user are switched off
  // (convex/authRoutes.ts); the console uses convex/admin.ts.
  YOU_CANNOT_BAN_YOURSELF: "ban route off",
  YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE: "set-role route off",
  YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS: "create-user route off",
  YOU_ARE_NOT_ALLOWED_TO_LIST_USERS: "list-users route off",
  YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS: "list-user-sessions route off",
  YOU_ARE_NOT_ALLOWED_TO_BAN_USERS: "ban routes off",
  YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS: "revoke routes off",
  YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS: "remove-user route off",
  YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD: "set-user-password route off",
  YOU_ARE_NOT_ALLOWED_TO_GET_USER: "get-user route off",
  NO_DATA_TO_UPDATE: "update-user route off",
  YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS: "update-user route off",
  YOU_CANNOT_REMOVE_YOURSELF: "remove-user route off",
  YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE: "set-role route off",
  INVALID_ROLE_TYPE: "set-role route off",
  YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL: "update-user route off",
  PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER: "update-user route off",
};

type CodeTable = Record<string, { code: string; message: string }>;

/** Better Auth's codes: its core's, and those of each plugin the app runs. */
function betterAuthCodes(): Map<string, string> {
  const plugins = authOptionsForSchema({} as never).plugins as {
    id: string;
    $ERROR_CODES?: CodeTable;
  }[];
  const tables: [string, CodeTable][] = [
    ["core", BASE_ERROR_CODES as CodeTable],
    ...plugins.map((p): [string, CodeTable] => [p.id, p.$ERROR_CODES ?? {}]),
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
  test("the app's codes with the message the server wrote", () => {
    const own = Object.keys(ERROR_MESSAGES).filter((code) => !codes.has(code));
    for (const code of own) {
      const message = `${ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES]} (specifics)`;
      expect(describeAuthError({ code, message })).toBe(message);
    }
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
    ).toBe(ERROR_MESSAGES.VALIDATION_ERROR);
  });

  test("no code or an unknown one: a written message, the details for the developer", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const raw = { message: "Failed to fetch", status: 0 };
    expect(describeAuthError(raw)).toBe(generic);
    expect(warn).toHaveBeenCalledWith(expect.any(String), raw);
    const unknown = { code: "SOMETHING_NEW", message: "Something new" };
    expect(describeAuthError(unknown)).toBe(generic);
    expect(warn).toHaveBeenCalledWith(expect.any(String), unknown);
    expect(
      describeAuthError({ message: "Too many requests", status: 429 }),
    ).toBe(ERROR_MESSAGES.RATE_LIMITED);
  });
});
