/**
 * Rate limits for the auth endpoints: per email address, per endpoint
 * overall, and per client IP only when the operator names a header that
 * carries it trustworthily (TRUSTED_IP_HEADER, convex/env.ts). Convex hands
 * request headers over as the client sent them, so `X-Forwarded-For` alone
 * would let anyone pick a fresh bucket per request.
 *
 * Better Auth's own limiter is turned off (convex/auth.ts): its memory store
 * doesn't survive between Convex requests and its database store writes one
 * hot row per key, which conflicts under load (get-convex/better-auth#432).
 * The rate-limiter component shards its counters instead. Shards follow its
 * guidance: at least 3 (its power-of-two choice needs them) of 5 or more
 * tokens each.
 */
import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { v } from "convex/values";
import type { ActionCtx } from "./_generated/server";
import { components, internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { routePolicy } from "./authRoutes";
import { trustedIpHeader } from "./env";

type RunMutationCtx = Pick<ActionCtx, "runMutation">;

const limits = new RateLimiter(components.rateLimiter, {
  // Password, 2FA and sign-up attempts.
  attemptsPerEmail: {
    kind: "token bucket",
    rate: 15,
    period: MINUTE,
    capacity: 15,
    shards: 3,
  },
  attemptsPerIp: {
    kind: "token bucket",
    rate: 60,
    period: MINUTE,
    capacity: 60,
    shards: 6,
  },
  // Everyone together, per endpoint: the limit no rotation of addresses or
  // headers gets around. Sized for ~10 requests a second per endpoint.
  attemptsPerEndpoint: {
    kind: "token bucket",
    rate: 600,
    period: MINUTE,
    capacity: 600,
    shards: 10,
  },
  // Requests that send an email (reset, verification, magic link).
  emailsPerAddress: {
    kind: "token bucket",
    rate: 15,
    period: HOUR,
    capacity: 15,
    shards: 3,
  },
  emailsPerIp: {
    kind: "token bucket",
    rate: 20,
    period: 15 * MINUTE,
    capacity: 20,
    shards: 4,
  },
  emailsPerEndpoint: {
    kind: "token bucket",
    rate: 100,
    period: MINUTE,
    capacity: 100,
    shards: 10,
  },
});

const NAMES = {
  attempts: {
    email: "attemptsPerEmail",
    ip: "attemptsPerIp",
    endpoint: "attemptsPerEndpoint",
  },
  emails: {
    email: "emailsPerAddress",
    ip: "emailsPerIp",
    endpoint: "emailsPerEndpoint",
  },
} as const;

/**
 * Takes one token from each bucket that applies, narrowest first, and stops
 * at the first empty one, so hammering one address or IP doesn't also drain
 * the endpoint's shared bucket. Returns how long to wait when refused.
 */
export const consume = internalMutation({
  args: {
    path: v.string(),
    ip: v.optional(v.string()),
    email: v.optional(v.string()),
  },
  handler: async (ctx, { path, ip, email }) => {
    const rule = routePolicy(path)?.limit;
    if (!rule) return { ok: true as const };
    const names = NAMES[rule];
    const buckets = [
      email ? { name: names.email, key: email.trim().toLowerCase() } : null,
      ip ? { name: names.ip, key: ip } : null,
      { name: names.endpoint, key: path },
    ];
    for (const bucket of buckets) {
      if (!bucket) continue;
      const status = await limits.limit(ctx, bucket.name, { key: bucket.key });
      if (!status.ok) {
        return { ok: false as const, retryAfter: status.retryAfter };
      }
    }
    return { ok: true as const };
  },
});

/**
 * The client's IP from the operator's trusted header, or undefined. In a
 * list (X-Forwarded-For style) the last entry is the one the operator's
 * proxy added; the ones before it are whatever the client sent.
 */
export function clientIp(
  headers: Headers | undefined,
  trustedHeader: string | undefined,
): string | undefined {
  if (!trustedHeader) return undefined;
  const entry = headers?.get(trustedHeader)?.split(",").at(-1)?.trim();
  return entry && entry.length <= 64 ? entry : undefined;
}

type Refusal = {
  status: 429 | 503;
  code: string;
  message: string;
  retryAfter: number;
};

/**
 * Runs the limits for one auth request. Never throws: a limiter that fails
 * (say, its shard rows keep conflicting under a burst until Convex stops
 * retrying) refuses the request with 503 and Retry-After instead of letting
 * the error become a 500. Returns null when the request may go on.
 */
export async function checkRateLimits(
  ctx: RunMutationCtx,
  request: { path: string; headers?: Headers; body?: unknown },
): Promise<Refusal | null> {
  const policy = routePolicy(request.path);
  if (!policy?.limit) return null;
  // The address the request is about: the recipient of a route that
  // mails (`newEmail` for a change of address), else the one signing in.
  const address = (request.body as Record<string, unknown> | undefined)?.[
    policy.mail?.to ?? "email"
  ];
  try {
    const result = await ctx.runMutation(internal.rateLimits.consume, {
      path: request.path,
      ip: clientIp(request.headers, trustedIpHeader()),
      email: typeof address === "string" ? address : undefined,
    });
    if (result.ok) return null;
    const seconds = Math.max(1, Math.ceil(result.retryAfter / 1000));
    return {
      status: 429,
      code: "RATE_LIMITED",
      message: `Too many attempts. Try again in ${seconds} seconds.`,
      retryAfter: seconds,
    };
  } catch (error) {
    console.error(
      `[rate limits] ${request.path} refused with 503: the limiter failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return {
      status: 503,
      code: "RATE_LIMIT_UNAVAILABLE",
      message: "Too many requests right now. Try again in a moment.",
      retryAfter: 2,
    };
  }
}
