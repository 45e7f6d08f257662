/**
 * The admin console's words for the backend's codes, and its times. Audit
 * actions are convex/audit.ts's allowlist: `Record<AuditAction, …>` makes a
 * new action without a text a type error (and tests/admin.console.test.ts a
 * failing test). Sign-in methods are Better Auth provider ids, named by the
 * one table the SPA has for them (`providerLabel`).
 */
import type { AuditAction } from "../../../convex/audit";
import { providerLabel } from "@/lib/socialSignIn";

export const AUDIT_ACTION_TEXT: Record<AuditAction, string> = {
  promote: "Made admin",
  demote: "Made a normal user",
  disable: "Disabled",
  enable: "Enabled",
  "revoke-sessions": "Signed out everywhere",
  delete: "Deleted",
  impersonate: "Viewed as user",
  "impersonate-stop": "Stopped viewing as user",
  "impersonate-expired": "View as user ended on time",
  "org-create": "Created organization",
  "org-invite": "Invited to organization",
  "org-join": "Joined organization",
  "org-remove": "Removed from organization",
  "org-leave": "Left organization",
  "org-role": "Changed organization role",
  "org-transfer": "Made organization owner",
  "org-delete": "Deleted organization",
};

/** A person's reading of an audit action; an unknown (older) code as is. */
export function auditActionText(action: string): string {
  return (AUDIT_ACTION_TEXT as Record<string, string>)[action] ?? action;
}

/**
 * "Password, GitHub, Passkey": Better Auth's provider ids, and `passkey`,
 * which convex/admin.ts adds for a user with one (not an account there).
 */
export function signInMethodsText(methods: string[]): string {
  return methods.length === 0
    ? "Emailed sign-in link only"
    : methods
        .map((id) => (id === "passkey" ? "Passkey" : providerLabel(id)))
        .join(", ");
}

// The browser's locale and time zone (Intl's default), so a time reads as
// the admin's own clock.
const dateTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

export function formatDate(ms: number): string {
  return date.format(ms);
}

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

/** An entry's details, its UTC timestamps ("until 2026-…Z") in local time. */
export function detailsText(details: string): string {
  return details.replace(ISO_TIME, (iso) => formatDateTime(Date.parse(iso)));
}
