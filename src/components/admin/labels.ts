/**
 * The admin console's words for the backend's codes, and its times. Audit
 * actions are convex/audit.ts's allowlist: `Record<AuditAction, …>` makes a
 * new action without a text a type error (and tests/admin.console.test.ts a
 * failing test). Sign-in methods are Better Auth provider ids, named by the
 * one table the SPA has for them (`providerLabel`).
 */
import type { AuditAction } from "../../../convex/audit";
import { formatDateTime } from "@/lib/format";
import { providerLabel } from "@/lib/socialSignIn";
import { m } from "@/paraglide/messages";

/** Message functions, called when shown: the language can change. */
export const AUDIT_ACTION_TEXT: Record<AuditAction, () => string> = {
  promote: m.admin_action_promote,
  demote: m.admin_action_demote,
  disable: m.admin_action_disable,
  enable: m.admin_action_enable,
  "revoke-sessions": m.admin_action_revoke_sessions,
  delete: m.admin_action_delete,
  impersonate: m.admin_action_impersonate,
  "impersonate-stop": m.admin_action_impersonate_stop,
  "impersonate-expired": m.admin_action_impersonate_expired,
  "org-create": m.admin_action_org_create,
  "org-invite": m.admin_action_org_invite,
  "org-join": m.admin_action_org_join,
  "org-remove": m.admin_action_org_remove,
  "org-leave": m.admin_action_org_leave,
  "org-role": m.admin_action_org_role,
  "org-transfer": m.admin_action_org_transfer,
  "org-delete": m.admin_action_org_delete,
};

/** A person's reading of an audit action; an unknown (older) code as is. */
export function auditActionText(action: string): string {
  return (
    (AUDIT_ACTION_TEXT as Record<string, () => string>)[action]?.() ?? action
  );
}

/**
 * "Password, GitHub, Passkey": Better Auth's provider ids, and `passkey`,
 * which convex/admin.ts adds for a user with one (not an account there).
 */
export function signInMethodsText(methods: string[]): string {
  return methods.length === 0
    ? m.admin_methods_email_only()
    : methods
        .map((id) =>
          id === "passkey" ? m.admin_method_passkey() : providerLabel(id),
        )
        .join(", ");
}

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

/** An entry's details, its UTC timestamps ("until 2026-…Z") in local time. */
export function detailsText(details: string): string {
  return details.replace(ISO_TIME, (iso) => formatDateTime(Date.parse(iso)));
}
