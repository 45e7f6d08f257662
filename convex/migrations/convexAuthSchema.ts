/**
 * The transitional schema for moving a Convex Auth app (`@convex-dev/auth`
 * 0.0.x, whose `authTables` live in the app's own schema) onto this
 * starter: docs/migrating-from-convex-auth.md.
 *
 * During the transition convex/schema.ts says
 *
 *   users: convexAuthUsersTable,   // was: users: usersTable,
 *   ...convexAuthTables,
 *
 * so the old rows fit (Convex refuses a push while a stored document
 * violates the schema) and Convex Auth's tables keep the indexes the
 * migration reads them by. Once `migrations/fromConvexAuth:run` reports
 * `complete` and `clearConvexAuthTables` has emptied them, both go.
 */
import { defineSchema, defineTable } from "convex/server";
import { v, type PropertyValidators } from "convex/values";
import { transitionalUsersTable } from "./transitionalUsersTable";

/**
 * Convex Auth's `users` fields the starter's table lacks, plus your app's
 * own: add the fields your `users` table had next to `...authTables.users`
 * (each optional), so every stored row fits. Fields you want to keep after
 * the move belong in convex/model/usersTable.ts as well.
 */
export const CONVEX_AUTH_USERS_FIELDS = {
  emailVerificationTime: v.optional(v.number()),
  phone: v.optional(v.string()),
  phoneVerificationTime: v.optional(v.number()),
  isAnonymous: v.optional(v.boolean()),
} satisfies PropertyValidators;

export const convexAuthUsersTable = transitionalUsersTable(
  CONVEX_AUTH_USERS_FIELDS,
);

/** Convex Auth's other tables, as its `authTables` stores them. */
export const convexAuthTables = {
  authAccounts: defineTable({
    userId: v.id("users"),
    provider: v.string(),
    providerAccountId: v.string(),
    secret: v.optional(v.string()),
    emailVerified: v.optional(v.string()),
    phoneVerified: v.optional(v.string()),
  })
    .index("userIdAndProvider", ["userId", "provider"])
    .index("providerAndAccountId", ["provider", "providerAccountId"]),
  authSessions: defineTable({
    userId: v.id("users"),
    expirationTime: v.number(),
  }).index("userId", ["userId"]),
  authRefreshTokens: defineTable({
    sessionId: v.id("authSessions"),
    expirationTime: v.number(),
    firstUsedTime: v.optional(v.number()),
    parentRefreshTokenId: v.optional(v.id("authRefreshTokens")),
  }).index("sessionId", ["sessionId"]),
  authVerificationCodes: defineTable({
    accountId: v.id("authAccounts"),
    provider: v.string(),
    code: v.string(),
    expirationTime: v.number(),
    verifier: v.optional(v.string()),
    emailVerified: v.optional(v.string()),
    phoneVerified: v.optional(v.string()),
  }).index("accountId", ["accountId"]),
  authVerifiers: defineTable({
    sessionId: v.optional(v.id("authSessions")),
    signature: v.optional(v.string()),
  }),
  authRateLimits: defineTable({
    identifier: v.string(),
    lastAttemptTime: v.number(),
    attemptsLeft: v.number(),
  }),
};

/** The names of Convex Auth's tables besides `users`, in the order they are cleared. */
export const CONVEX_AUTH_TABLES = [
  "authVerificationCodes",
  "authVerifiers",
  "authRefreshTokens",
  "authSessions",
  "authRateLimits",
  "authAccounts",
] as const satisfies readonly (keyof typeof convexAuthTables)[];

/** Convex Auth's tables as the migration reads them, whatever convex/schema.ts says now. */
export const convexAuthSchema = defineSchema({
  users: convexAuthUsersTable,
  ...convexAuthTables,
});
