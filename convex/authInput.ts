/**
 * Checks on what callers send to Better Auth's routes, before any plugin
 * reads it. Used by the before-hook (convex/authHooks.ts) and the user
 * database hooks (convex/auth.ts).
 */
import type { GenericEndpointContext } from "@better-auth/core";
import { APIError } from "better-auth/api";
import { parseCookies } from "better-auth/cookies";
import { type Detail, type ErrorCode, errorData } from "./errors";
import { nameIssue } from "./validation";

/** Text fields some plugins read before validating them: strings or absent. */
const TEXT_FIELDS = [
  "email",
  "name",
  "callbackURL",
  "newCallbackURL",
  "errorCallbackURL",
  "redirectTo",
  "newEmail",
  "token",
  "otp",
];

/**
 * Fields no route of this app takes from a caller. `additionalData` is
 * spread into the OAuth state's verification row (better-auth's
 * oauth2/state.mjs), where other routes could read it as their own.
 */
const REFUSED_FIELDS = ["additionalData"];

type Status = ConstructorParameters<typeof APIError>[0];

/**
 * A refusal from the auth routes: a code of convex/errors.ts and its
 * message, or a more specific case (a detail the SPA translates, or English
 * words only developers see).
 */
export function authRefusal(
  status: Status,
  code: ErrorCode,
  specific?: string | Detail | null,
  headers?: Record<string, string>,
): APIError {
  return new APIError(status, errorData(code, specific), headers);
}

// Only for input the SPA never sends: its words stay English.
function validationError(message: string): APIError {
  return authRefusal("BAD_REQUEST", "VALIDATION_ERROR", message);
}

export function checkRequestBody(body: unknown): void {
  if (!body || typeof body !== "object") return;
  const fields = body as Record<string, unknown>;
  for (const field of REFUSED_FIELDS) {
    if (fields[field] !== undefined) {
      throw validationError(`${field} is not accepted.`);
    }
  }
  for (const field of TEXT_FIELDS) {
    const value = fields[field];
    if (value !== undefined && value !== null && typeof value !== "string") {
      throw validationError(`${field} must be a string.`);
    }
  }
}

/**
 * A cookie's values in every place a request carries cookies: the
 * browser's Cookie header, then the SPA's cross-domain header (which the
 * cross-domain plugin turns into cookies only after this app's hooks ran).
 */
export function requestCookies(
  request: GenericEndpointContext,
  name: string,
): string[] {
  const headers = request.request?.headers ?? request.headers;
  return ["cookie", "better-auth-cookie"]
    .map((header) => parseCookies(headers?.get(header) ?? "").get(name))
    .filter((value): value is string => Boolean(value));
}

/** A user's name, trimmed; refused with INVALID_NAME when it breaks the rules. */
export function checkedName<T extends { name?: string }>(user: T): T {
  const problem: Detail | null =
    typeof user.name === "string"
      ? nameIssue(user.name)
      : { key: "name_not_text" };
  if (problem) {
    throw authRefusal("BAD_REQUEST", "INVALID_NAME", problem);
  }
  return { ...user, name: user.name!.trim() };
}
