import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../convex/_generated/api";
import { m } from "@/paraglide/messages";

/** The caller's active organization, as convex/organizations.ts `active` answers. */
export type ActiveOrg = NonNullable<
  FunctionReturnType<typeof api.organizations.active>
>;

/**
 * Whether the caller's role may do this: the SPA hides what it can't (the
 * server refuses it regardless). Permissions come from the server's one
 * table (convex/orgAccess.ts), so the SPA carries no copy of the roles.
 */
export function can(org: ActiveOrg, resource: string, action: string): boolean {
  return org.permissions[resource]?.includes(action) ?? false;
}

// Message functions, called at render: the language can change.
const ROLE_TEXT: Record<string, () => string> = {
  owner: m.team_role_owner,
  admin: m.team_role_admin,
  member: m.team_role_member,
};

const ROLE_IN_SENTENCE: Record<string, () => string> = {
  owner: m.team_role_in_sentence_owner,
  admin: m.team_role_in_sentence_admin,
  member: m.team_role_in_sentence_member,
};

const ROLE_HINT: Record<string, () => string> = {
  owner: m.team_role_hint_owner,
  admin: m.team_role_hint_admin,
  member: m.team_role_hint_member,
};

/** A role's name ("Admin"); an unknown role's code as is. */
export function roleText(role: string): string {
  return ROLE_TEXT[role]?.() ?? role;
}

/** A role within a sentence: "You're an admin." */
export function roleInSentence(role: string): string {
  return ROLE_IN_SENTENCE[role]?.() ?? role;
}

/** What a role may do, for the invite form's choices: "Admins can …". */
export function roleHint(role: string): string {
  return ROLE_HINT[role]?.() ?? "";
}

/** A button or link whose text holds a name (up to 60 characters): it wraps. */
export const LONG_LABEL =
  "h-auto min-h-9 max-w-full self-start py-2 text-left whitespace-normal wrap-anywhere";

export const selectClass =
  "h-9 rounded-md border border-input bg-transparent px-2 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50 md:text-sm dark:bg-input/30 dark:[&>option]:bg-popover";
