/**
 * Input rules shared by the backend and the SPA (src/ imports this file, so
 * keep it free of secrets and server-only imports).
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
export const MAX_NAME_LENGTH = 100;
export const MAX_NOTE_LENGTH = 500;
export const MAX_ORG_NAME_LENGTH = 60;
export const MAX_PROJECT_NAME_LENGTH = 80;

/** Emails are compared case-insensitively: stored trimmed and lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Deliberately simple: one @, no spaces, a dot in the domain. The real check
// is the verification email.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): string | null {
  const normalized = normalizeEmail(email);
  if (!normalized) return "Email is required.";
  if (normalized.length > 254 || !EMAIL_PATTERN.test(normalized)) {
    return `"${email}" is not a valid email address.`;
  }
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  return null;
}

export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "Name is required.";
  if (trimmed.length > MAX_NAME_LENGTH) {
    return `Name is too long: use at most ${MAX_NAME_LENGTH} characters.`;
  }
  return null;
}

/** Lower-case letters, digits and single dashes inside: `acme-labs`. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function orgNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "Name is required.";
  if (trimmed.length > MAX_ORG_NAME_LENGTH) {
    return `Name is too long: use at most ${MAX_ORG_NAME_LENGTH} characters.`;
  }
  return null;
}

export function slugProblem(slug: string): string | null {
  if (slug.length < 3 || slug.length > 40) {
    return "A slug has 3 to 40 characters.";
  }
  if (!SLUG_PATTERN.test(slug)) {
    return "Use lower-case letters, digits and dashes (not at the start or end).";
  }
  return null;
}

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
