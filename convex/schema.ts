import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { usersTable } from "./model/usersTable";

// The users table lives in convex/model/usersTable.ts, shared with the
// transitional schema of a migration (convex/migrations/dualDatabaseSchema.ts).
export { roleValidator } from "./model/usersTable";

export default defineSchema({
  users: usersTable,

  // Example of data owned by a user: per-user reads, server-side ownership
  // checks, and removal in scheduled batches when the user is deleted.
  notes: defineTable({
    userId: v.id("users"),
    text: v.string(),
  }).index("by_userId", ["userId"]),

  // Example of data owned by an organization (convex/projects.ts): every
  // read and write goes through orgQuery/orgMutation, scoped to ctx.org.
  // `organizationId` is the Better Auth organization's id.
  projects: defineTable({
    organizationId: v.string(),
    name: v.string(),
    createdBy: v.id("users"),
  }).index("by_organizationId", ["organizationId"]),

  // Every admin action: who did what to whom, and when (_creationTime).
  auditLog: defineTable({
    actorId: v.id("users"),
    actorEmail: v.string(),
    action: v.string(),
    targetId: v.optional(v.id("users")),
    targetEmail: v.string(),
    details: v.optional(v.string()),
  }),

  // Progress and findings of the drift doctor (convex/doctor.ts), one row per
  // run. Id lists are capped (DOCTOR_LIST_CAP) so a run on any number of users
  // stays far below the 1 MB document and 8192 array element limits; the
  // counts are always complete.
  doctorRuns: defineTable({
    repair: v.boolean(),
    // App rows first, so that repair frees the emails held by orphaned rows
    // before it recreates missing rows for the auth users.
    phase: v.union(
      v.literal("appUsers"),
      v.literal("authUsers"),
      v.literal("done"),
    ),
    cursor: v.union(v.string(), v.null()), // pagination cursor of the phase
    // The previous app row in `by_email` order, carried across batches so a
    // group of rows sharing an email is seen even when a batch splits it.
    lastEmail: v.optional(v.string()),
    lastRowId: v.optional(v.id("users")),
    lastEmailRows: v.number(),
    authUsersScanned: v.number(),
    appUsersScanned: v.number(),
    authUsersWithoutAppRow: v.object({
      count: v.number(),
      ids: v.array(v.string()),
    }),
    appRowsWithoutAuthUser: v.object({
      count: v.number(),
      ids: v.array(v.id("users")),
    }),
    duplicateEmails: v.object({
      count: v.number(), // emails held by more than one app row
      rows: v.number(), // app rows holding those emails
      groups: v.array(
        v.object({ email: v.string(), userIds: v.array(v.id("users")) }),
      ),
    }),
    createdAppRows: v.number(),
    removedAppRows: v.number(),
    // Missing rows repair could not create: their email is held by another
    // app row with a live auth user (a duplicate to resolve by hand).
    notCreated: v.object({ count: v.number(), ids: v.array(v.string()) }),
    // App rows whose auth user could not be looked up: neither counted as
    // orphans nor removed, since repair never deletes on doubt.
    appRowsNotChecked: v.object({
      count: v.number(),
      ids: v.array(v.id("users")),
    }),
    updatedAt: v.number(), // last step; stale while running = stopped
    finishedAt: v.optional(v.number()),
  }),

  // Local development only: emails are recorded here instead of being sent
  // when RESEND_API_KEY is not set. Readable only through internal functions.
  // Users moved from another sign-in system whose password hash Better
  // Auth can't verify (convex/migrations/fromConvexAuth.ts): their next
  // failed password sign-in mails them a link to set one, once
  // (convex/passwordResetsDue.ts).
  passwordResetsDue: defineTable({
    userId: v.id("users"),
    email: v.string(), // lower case
  })
    .index("by_userId", ["userId"])
    .index("by_email", ["email"]),

  devMailbox: defineTable({
    to: v.string(),
    subject: v.string(),
    /** The template's name (convex/emailTexts.ts). */
    template: v.optional(v.string()),
    /** The email's link; empty for a code email. */
    link: v.string(),
    // Filled by the render action a moment after the row is written.
    text: v.optional(v.string()),
    html: v.optional(v.string()),
  }).index("by_to", ["to"]),
});
