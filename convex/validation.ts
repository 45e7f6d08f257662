/**
 * Input rules shared by the backend and the SPA (src/ imports this file, so
 * keep it free of secrets and server-only imports).
 *
 * A rule's answer is a keyed problem (`{ key, params }`): the backend turns
 * it into English words with `problemText` (the `*Problem` functions), the
 * SPA into the user's language (src/lib/validation.ts, the same keys as
 * `error_…` messages in messages/{en,de}/errors.json).
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
export const MAX_NAME_LENGTH = 100;
export const MAX_NOTE_LENGTH = 500;
export const MAX_ORG_NAME_LENGTH = 60;
export const MAX_PROJECT_NAME_LENGTH = 80;

/** English words per key, each taking its params. */
type Templates = Record<string, (params: never) => string>;

/** One entry of a table of templates: its key, and the params it takes. */
export type Keyed<T extends Templates> = {
  [K in keyof T & string]: Parameters<T[K]> extends []
    ? { key: K; params?: undefined }
    : { key: K; params: Parameters<T[K]>[0] };
}[keyof T & string];

/** The English words of `entry`, from its table. */
export function englishOf<T extends Templates>(
  table: T,
  entry: Keyed<T>,
): string {
  return (table[entry.key] as unknown as (params: unknown) => string)(
    entry.params,
  );
}

/** What's wrong with an input, in English (the SPA has its translations). */
export const PROBLEMS = {
  email_required: () => "Email is required.",
  email_invalid: (p: { email: string }) =>
    `"${p.email}" is not a valid email address.`,
  password_too_short: (p: { min: number }) =>
    `Password is too short: use at least ${p.min} characters.`,
  password_too_long: (p: { max: number }) =>
    `Password is too long: use at most ${p.max} characters.`,
  name_required: () => "Name is required.",
  name_too_long: (p: { max: number }) =>
    `Name is too long: use at most ${p.max} characters.`,
  slug_length: () => "A slug has 3 to 40 characters.",
  slug_characters: () =>
    "Use lower-case letters, digits and dashes (not at the start or end).",
} satisfies Templates;

export type Problem = Keyed<typeof PROBLEMS>;

/** A problem's English words (null stays null). */
export function problemText(problem: Problem | null): string | null {
  return problem && englishOf(PROBLEMS, problem);
}

/** Emails are compared case-insensitively: stored trimmed and lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Deliberately simple: one @, no spaces, a dot in the domain. The real check
// is the verification email.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailIssue(email: string): Problem | null {
  const normalized = normalizeEmail(email);
  if (!normalized) return { key: "email_required" };
  if (normalized.length > 254 || !EMAIL_PATTERN.test(normalized)) {
    return { key: "email_invalid", params: { email } };
  }
  return null;
}

export function passwordIssue(password: string): Problem | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { key: "password_too_short", params: { min: MIN_PASSWORD_LENGTH } };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { key: "password_too_long", params: { max: MAX_PASSWORD_LENGTH } };
  }
  return null;
}

export function nameIssue(name: string): Problem | null {
  const trimmed = name.trim();
  if (!trimmed) return { key: "name_required" };
  if (trimmed.length > MAX_NAME_LENGTH) {
    return { key: "name_too_long", params: { max: MAX_NAME_LENGTH } };
  }
  return null;
}

/** Lower-case letters, digits and single dashes inside: `acme-labs`. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function orgNameIssue(name: string): Problem | null {
  const trimmed = name.trim();
  if (!trimmed) return { key: "name_required" };
  if (trimmed.length > MAX_ORG_NAME_LENGTH) {
    return { key: "name_too_long", params: { max: MAX_ORG_NAME_LENGTH } };
  }
  return null;
}

export function slugIssue(slug: string): Problem | null {
  if (slug.length < 3 || slug.length > 40) return { key: "slug_length" };
  if (!SLUG_PATTERN.test(slug)) return { key: "slug_characters" };
  return null;
}

// The same rules in English words, for the backend and its CLI.
export const emailProblem = (email: string) => problemText(emailIssue(email));
export const passwordProblem = (password: string) =>
  problemText(passwordIssue(password));
export const nameProblem = (name: string) => problemText(nameIssue(name));
export const orgNameProblem = (name: string) => problemText(orgNameIssue(name));
export const slugProblem = (slug: string) => problemText(slugIssue(slug));

/** A slug suggested from a name: "Acme Labs!" → "acme-labs". */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}
