import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../convex/_generated/api";

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

export const ROLE_TEXT: Record<string, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
};

/** A role within a sentence: "You're an admin." */
export function roleInSentence(role: string): string {
  const text = ROLE_TEXT[role]?.toLowerCase() ?? role;
  return `${/^[aeiou]/.test(text) ? "an" : "a"} ${text}`;
}

/** What each role may do, for the invite form's choices. */
export const ROLE_HINT: Record<string, string> = {
  owner: "everything, including deleting the organization",
  admin: "invite and manage members, delete projects",
  member: "see everything and add projects",
};

/** A button or link whose text holds a name (up to 60 characters): it wraps. */
export const LONG_LABEL =
  "h-auto min-h-9 max-w-full self-start py-2 text-left whitespace-normal wrap-anywhere";

export const selectClass =
  "h-9 rounded-md border border-input bg-transparent px-2 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50 md:text-sm dark:bg-input/30 dark:[&>option]:bg-popover";
