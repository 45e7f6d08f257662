/**
 * Input rules shared by the backend and the SPA (src/ imports this file, so
 * keep it free of secrets and server-only imports).
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
export const MAX_NAME_LENGTH = 100;
export const MAX_NOTE_LENGTH = 500;

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
