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
  // Organizations: `details` names the organization.
  "org-create",
  "org-invite",
  "org-join",
  "org-remove",
  "org-leave",
  "org-role",
  "org-transfer",
  "org-delete",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Writes one audit log entry: who did what to whom (and when: _creationTime). */
export async function audit(
  ctx: MutationCtx,
  actor: Doc<"users">,
  action: AuditAction,
  target: Doc<"users"> | { email: string },
  details?: string,
): Promise<void> {
  await ctx.db.insert("auditLog", {
    actorId: actor._id,
    actorEmail: actor.email,
    action,
    ...("_id" in target ? { targetId: target._id } : {}),
    targetEmail: target.email,
    ...(details ? { details } : {}),
  });
}

/** An organization event; the target is the person it concerns. */
export async function auditOrg(
  ctx: MutationCtx,
  actor: Doc<"users">,
  action: AuditAction,
  org: { _id: string; name: string; slug: string },
  target: Doc<"users"> | { email: string },
  details?: string,
): Promise<void> {
  const where = `${org.name} (${org.slug})`;
  await audit(
    ctx,
    actor,
    action,
    target,
    details ? `${where}: ${details}` : where,
  );
}
