/**
 * The input rules of convex/validation.ts in the user's language: the same
 * checks as the backend's, worded by the `error_detail_…` messages (their
 * English is the backend's). Forms import these instead of the English
 * `*Problem` functions of convex/validation.ts.
 */
import type { Detail } from "../../convex/errors";
import {
  emailIssue,
  nameIssue,
  orgNameIssue,
  passwordIssue,
  type Problem,
  slugIssue,
} from "../../convex/validation";
import { m } from "@/paraglide/messages";

/** A message function per key of `E`, taking that key's params. */
export type Translations<E extends { key: string; params?: unknown }> = {
  [K in E["key"]]: (params: Extract<E, { key: K }>["params"]) => string;
};

/** What's checked in the SPA too: the input rules, and a passkey's name. */
type FormProblem = Problem | Extract<Detail, { key: "passkey_name_too_long" }>;

/** The words of each input problem (also used for the backend's answers). */
export const PROBLEM_MESSAGES: Translations<FormProblem> = {
  email_required: m.error_detail_email_required,
  email_invalid: m.error_detail_email_invalid,
  password_too_short: m.error_detail_password_too_short,
  password_too_long: m.error_detail_password_too_long,
  name_required: m.error_detail_name_required,
  name_too_long: m.error_detail_name_too_long,
  slug_length: m.error_detail_slug_length,
  slug_characters: m.error_detail_slug_characters,
  passkey_name_too_long: m.error_detail_passkey_name_too_long,
};

/** A problem in the user's language (null stays null). */
export function problemWords(problem: FormProblem | null): string | null {
  if (!problem) return null;
  const words = PROBLEM_MESSAGES[problem.key] as (params: unknown) => string;
  return words(problem.params);
}

export const emailProblem = (email: string) => problemWords(emailIssue(email));
export const passwordProblem = (password: string) =>
  problemWords(passwordIssue(password));
export const nameProblem = (name: string) => problemWords(nameIssue(name));
export const orgNameProblem = (name: string) =>
  problemWords(orgNameIssue(name));
export const slugProblem = (slug: string) => problemWords(slugIssue(slug));
