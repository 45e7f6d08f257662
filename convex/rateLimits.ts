/**
 * Rate limits for the auth endpoints, per client IP and per email address.
 *
 * Better Auth's own limiter is turned off (convex/auth.ts): its memory store
 * doesn't survive between Convex requests and its database store writes one
 * hot row per key, which conflicts under load (get-convex/better-auth#432).
 * The rate-limiter component shards its counters instead, so a burst is
 * answered with 429s, not with write conflicts.
 */
import { MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { v } from "convex/values";
import { components } from "./_generated/api";
import { internalMutation } from "./_generated/server";

const limits = new RateLimiter(components.rateLimiter, {
  // Password, 2FA and sign-up attempts.
  attemptsPerIp: {
    kind: "token bucket",
    rate: 60,
    period: MINUTE,
    capacity: 60,
    shards: 4,
  },
  attemptsPerEmail: {
    kind: "token bucket",
    rate: 10,
    period: MINUTE,
    capacity: 10,
    shards: 2,
  },
  // Requests that send an email (reset, verification, magic link).
  emailsPerIp: {
    kind: "token bucket",
    rate: 20,
    period: 15 * MINUTE,
    capacity: 20,
    shards: 2,
  },
  emailsPerAddress: {
    kind: "token bucket",
    rate: 5,
    period: 15 * MINUTE,
    capacity: 5,
  },
});

type Rule = "attempts" | "emails";

/** Which Better Auth paths are limited, and how. */
export const RATE_LIMITED_PATHS: Record<string, Rule> = {
  "/sign-in/email": "attempts",
  "/sign-up/email": "attempts",
  "/two-factor/verify-totp": "attempts",
  "/two-factor/verify-backup-code": "attempts",
  "/request-password-reset": "emails",
  "/send-verification-email": "emails",
  "/sign-in/magic-link": "emails",
  "/change-email": "emails",
};

const NAMES = {
  attempts: { ip: "attemptsPerIp", email: "attemptsPerEmail" },
  emails: { ip: "emailsPerIp", email: "emailsPerAddress" },
} as const;

/**
 * Takes one token from each bucket that applies. Returns how long to wait
 * when any is empty. An unknown IP is not limited per IP (it would throttle
 * every such client together); the per-email limit still applies.
 */
export const consume = internalMutation({
  args: {
    rule: v.union(v.literal("attempts"), v.literal("emails")),
    ip: v.optional(v.string()),
    email: v.optional(v.string()),
  },
  handler: async (ctx, { rule, ip, email }) => {
    const names = NAMES[rule];
    let retryAfter = 0;
    if (ip) {
      const status = await limits.limit(ctx, names.ip, { key: ip });
      if (!status.ok) retryAfter = Math.max(retryAfter, status.retryAfter);
    }
    if (email) {
      const key = email.trim().toLowerCase();
      const status = await limits.limit(ctx, names.email, { key });
      if (!status.ok) retryAfter = Math.max(retryAfter, status.retryAfter);
    }
    return retryAfter > 0
      ? { ok: false as const, retryAfter }
      : { ok: true as const };
  },
});
