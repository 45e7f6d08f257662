import type { Doc } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";

/** Writes one audit log entry: who did what to whom (and when: _creationTime). */
export async function audit(
  ctx: MutationCtx,
  actor: Doc<"users">,
  action: string,
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
