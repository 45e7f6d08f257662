import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export const roleValidator = v.union(v.literal("admin"), v.literal("user"));

export default defineSchema({
  // The business side of a user. Written by the Better Auth `user` triggers
  // (convex/authTriggers.ts) in the same transaction as the auth user.
  users: defineTable({
    authId: v.string(), // Better Auth user id (component `user` table)
    email: v.string(), // lower case, mirrored from Better Auth
    name: v.string(),
    emailVerified: v.boolean(),
    image: v.optional(v.union(v.string(), v.null())),
    role: roleValidator,
    // Disabled users can't sign in; their sessions are revoked (convex/admin.ts).
    disabled: v.optional(v.boolean()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_authId", ["authId"])
    .index("by_email", ["email"])
    .index("by_role", ["role"]),

  // Example of data owned by a user: per-user reads, server-side ownership
  // checks, and cascade on user deletion.
  notes: defineTable({
    userId: v.id("users"),
    text: v.string(),
  }).index("by_userId", ["userId"]),

  // Every admin action: who did what to whom, and when (_creationTime).
  auditLog: defineTable({
    actorId: v.id("users"),
    actorEmail: v.string(),
    action: v.string(),
    targetId: v.optional(v.id("users")),
    targetEmail: v.string(),
    details: v.optional(v.string()),
  }),

  // Progress and findings of the drift doctor (convex/doctor.ts), one row per run.
  doctorRuns: defineTable({
    repair: v.boolean(),
    phase: v.union(
      v.literal("authUsers"),
      v.literal("appUsers"),
      v.literal("done"),
    ),
    cursor: v.union(v.string(), v.null()),
    lastEmail: v.optional(v.string()),
    authUsersScanned: v.number(),
    appUsersScanned: v.number(),
    authUsersWithoutAppRow: v.array(v.string()),
    appRowsWithoutAuthUser: v.array(v.id("users")),
    duplicateEmails: v.array(v.string()),
    createdAppRows: v.number(),
    removedAppRows: v.number(),
    finishedAt: v.optional(v.number()),
  }),

  // Local development only: emails are recorded here instead of being sent
  // when RESEND_API_KEY is not set. Readable only through internal functions.
  devMailbox: defineTable({
    to: v.string(),
    subject: v.string(),
    text: v.string(),
    link: v.string(),
  }).index("by_to", ["to"]),
});
