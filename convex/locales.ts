/**
 * The languages the app speaks, for the backend: the same list as the SPA's
 * (project.inlang/settings.json, compiled by Paraglide into src/paraglide).
 * A user's choice is a field of the Better Auth user, mirrored to the app
 * `users` row (convex/userSync.ts), and picks the language of their emails.
 */
import { authRefusal } from "./authInput";
import {
  baseLocale,
  isLocale,
  locales,
  type Locale,
} from "../src/paraglide/runtime.js";

export { baseLocale, locales, type Locale };

/** A stored choice as a language the app has; the base one without one. */
export function localeOf(value: unknown): Locale {
  return isLocale(value) ? value : baseLocale;
}

/**
 * Better Auth's user hooks: a `locale` sent at sign-up or with an update
 * must be one of the app's languages (VALIDATION_ERROR otherwise).
 */
export function checkedLocale<T extends Record<string, unknown>>(user: T): T {
  const locale = user.locale;
  if (locale === undefined || locale === null || isLocale(locale)) return user;
  throw authRefusal("BAD_REQUEST", "VALIDATION_ERROR", {
    key: "language_unknown",
    params: { languages: locales.join(", ") },
  });
}
