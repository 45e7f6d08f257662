import type { Doc } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";

/**
 * Every action the audit log records: the allowlist `audit()` takes, so a
 * new one is a deliberate addition here (and the SPA's text for it in
 * src/components/admin/labels.ts, which tests/admin.console.test.ts checks).
 */
export const AUDIT_ACTIONS = [
  "promote",
  "demote",
  "disable",
  "enable",
  "revoke-sessions",
  "delete",
  "impersonate",
  "impersonate-stop",
  "impersonate-expired",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Writes one audit log entry: who did what to whom (and when: _creationTime). */
export async function audit(
  ctx: MutationCtx,
  actor: Doc<"users">,
  action: AuditAction,
  target: Doc<"users">,
  details?: string,
): Promise<void> {
  await ctx.db.insert("auditLog", {
    actorId: actor._id,
    actorEmail: actor.email,
    action,
    targetId: target._id,
    targetEmail: target.email,
    ...(details ? { details } : {}),
  });
}
