/**
 * The app `users` table: its fields and indexes, in one place. convex/schema.ts
 * uses it as it is; a migration's transitional schema
 * (convex/migrations/dualDatabaseSchema.ts) widens the same fields so a
 * deployment's older rows fit while they are moved.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const roleValidator = v.union(v.literal("admin"), v.literal("user"));

/**
 * The business side of a user. Written by the Better Auth `user` triggers
 * (convex/userSync.ts) in the same transaction as the auth user.
 */
export const usersFields = {
  authId: v.string(), // Better Auth user id (component `user` table)
  email: v.string(), // lower case, mirrored from Better Auth
  name: v.string(),
  emailVerified: v.boolean(),
  image: v.optional(v.union(v.string(), v.null())),
  role: roleValidator,
  // The person's language (convex/locales.ts); unset until they have one.
  locale: v.optional(v.string()),
  // Disabled users can't sign in; their sessions are revoked (convex/admin.ts).
  disabled: v.optional(v.boolean()),
  createdAt: v.number(),
  updatedAt: v.number(),
};

export const usersTable = defineTable(usersFields)
  .index("by_authId", ["authId"])
  .index("by_email", ["email"])
  .index("by_role", ["role"]);
