/**
 * Rate limits for the auth routes, keyed only on what a client can't
 * choose, and shaped so they slow a stranger, not the account's owner:
 *
 * - Password sign-ins count failures, not attempts (a right password
 *   forgives the wrong ones before it). A browser that signed
 *   in to the address before (a device token, convex/deviceTokens.ts) has
 *   a small bucket of its own; every other request counts against the
 *   address, the client's IP (only from TRUSTED_IP_HEADER) and everyone's
 *   shared ceiling. A flood against an address, or against all of them,
 *   keeps out strangers, never a browser its owner used before.
 * - Emails: at most 5 an hour to any one address, across every route that
 *   mails; a device token for that address has its own bucket instead.
 * - The second step of a sign-in (the 2FA code) is limited only behind a
 *   valid first step: without its signed cookie, the route refuses by
 *   itself and takes nothing from anyone's bucket.
 * - Starting an OAuth flow or a passkey ceremony writes a row: per IP and
 *   per route, with a ceiling sized for real traffic.
 *
 * Convex hands request headers over as the client sent them, so
 * `X-Forwarded-For` alone would let anyone pick a fresh bucket per request.
 * Better Auth's own limiter is turned off (convex/auth.ts): its memory store
 * doesn't survive between Convex requests and its database store writes one
 * hot row per key, which conflicts under load (get-convex/better-auth#432).
 * Shared buckets are sharded as the component advises (at least 3 shards of
 * 5 or more tokens); per-key ones are small enough for one row.
 */
import type { GenericEndpointContext } from "@better-auth/core";
import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { constantTimeEqual, makeSignature } from "better-auth/crypto";
import { v, type Infer } from "convex/values";
import type { ActionCtx, MutationCtx } from "./_generated/server";
import { components, internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { requestCookies } from "./authInput";
import { routePolicy } from "./authRoutes";
import { trustedDevice } from "./deviceTokens";
import { appError, ERROR_MESSAGES, type ErrorData, errorData } from "./errors";
import { sharedLimitPerMinute, trustedIpHeader } from "./env";
import { normalizeEmail } from "./validation";

type RunMutationCtx = Pick<ActionCtx, "runMutation">;

const perKey = (rate: number, period: number) =>
  ({ kind: "token bucket", rate, period, capacity: rate }) as const;
const shared = (rate: number, period: number, shards: number) =>
  ({ kind: "token bucket", rate, period, capacity: rate, shards }) as const;

/**
 * The buckets. The shared ceilings here are for the default
 * AUTH_SHARED_LIMIT_PER_MINUTE (600); `sharedConfig` scales them to the
 * deployment's value.
 */
export const LIMITS = {
  // Failed password sign-ins.
  passwordFailuresPerAccount: perKey(10, 15 * MINUTE),
  passwordFailuresPerDevice: perKey(10, 15 * MINUTE),
  passwordFailuresPerIp: perKey(60, MINUTE),
  passwordFailuresShared: shared(600, MINUTE, 10),
  // Failed codes behind one valid password step.
  secondStepFailures: perKey(5, 15 * MINUTE),
  // Emails, whichever route sends them.
  mailsPerRecipient: perKey(5, HOUR),
  mailsPerDevice: perKey(10, HOUR),
  mailsPerIp: perKey(20, 15 * MINUTE),
  mailsShared: shared(300, MINUTE, 10),
  // Organization invitations (convex/invitations.ts); each also takes from
  // mailsPerRecipient, the same bucket as the auth routes' emails.
  invitationsPerInviter: perKey(20, HOUR),
  // Starts of a flow that stores a row (OAuth state, passkey challenge).
  startsPerIp: perKey(60, MINUTE),
  startsShared: shared(1200, MINUTE, 10),
};

const limits = new RateLimiter(components.rateLimiter, LIMITS);

type LimitName = keyof typeof LIMITS;
const bucketValidator = v.object({
  name: v.union(
    ...(Object.keys(LIMITS) as LimitName[]).map((name) => v.literal(name)),
  ),
  key: v.string(),
});
type Bucket = Infer<typeof bucketValidator>;

const SHARED: Partial<Record<LimitName, number>> = {
  passwordFailuresShared: 1,
  mailsShared: 0.5,
  startsShared: 2,
};

/** A shared bucket's name and configuration at the deployment's ceiling. */
function sharedConfig(name: LimitName) {
  const share = SHARED[name];
  if (share === undefined) return undefined;
  const rate = Math.max(10, Math.round(sharedLimitPerMinute() * share));
  return {
    name: `${name}@${rate}`,
    config: { ...LIMITS[name], rate, capacity: rate },
  };
}

/**
 * `take`: takes a token from each bucket, narrowest first, stopping at the
 * first empty one so a flood against one key doesn't also drain the shared
 * ceiling; returns how long to wait when refused. `forgive`: empties the
 * per-key buckets' count again (a right password after some wrong ones).
 */
export const apply = internalMutation({
  args: {
    buckets: v.array(bucketValidator),
    action: v.union(v.literal("take"), v.literal("forgive")),
  },
  handler: async (ctx, { buckets, action }) => {
    for (const { name, key } of buckets) {
      const shared = sharedConfig(name);
      if (action === "forgive") {
        if (!shared) await limits.reset(ctx, name, { key });
        continue;
      }
      // A shared bucket is named with its rate, so a new ceiling starts a
      // fresh one rather than reading counters kept at another rate.
      const status = shared
        ? await limits.limit(ctx, shared.name, { key, config: shared.config })
        : await limits.limit(ctx, name, { key });
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

/** A signed cookie's value, from the browser's header or the SPA's cross-domain one. */
async function signedCookie(
  request: GenericEndpointContext,
  name: string,
): Promise<string | undefined> {
  for (const signed of requestCookies(request, name)) {
    const dot = signed.lastIndexOf(".");
    if (dot < 1) continue;
    const value = signed.slice(0, dot);
    const expected = await makeSignature(value, request.context.secret);
    if (constantTimeEqual(expected, signed.slice(dot + 1))) return value;
  }
  return undefined;
}

/**
 * The buckets a request takes a token from, and whether a success gives
 * them back (`forgiven`): a guess costs a token while it is being checked,
 * so a parallel burst can't outrun the count, and only failures keep
 * costing. Empty: not limited.
 */
export async function bucketsFor(
  request: GenericEndpointContext,
): Promise<{ buckets: Bucket[]; forgiven: boolean }> {
  const policy = routePolicy(request.path);
  const path = request.path ?? "";
  const headers = request.request?.headers ?? request.headers;
  const ip = clientIp(headers, trustedIpHeader());
  const body = (request.body ?? {}) as Record<string, unknown>;
  const address = (field: string) => {
    const value = body[field];
    return typeof value === "string" && value.trim()
      ? normalizeEmail(value)
      : undefined;
  };
  const none = { buckets: [], forgiven: false };
  switch (policy?.limit) {
    case "password": {
      const email = address("email");
      const device = await trustedDevice(
        headers,
        request.context.secret,
        email,
      );
      if (device) {
        return {
          buckets: [
            { name: "passwordFailuresPerDevice", key: `${device}:${email}` },
          ],
          forgiven: true,
        };
      }
      return {
        buckets: [
          ...(email
            ? [{ name: "passwordFailuresPerAccount", key: email } as const]
            : []),
          ...(ip ? [{ name: "passwordFailuresPerIp", key: ip } as const] : []),
          { name: "passwordFailuresShared", key: path },
        ],
        forgiven: true,
      };
    }
    case "secondStep": {
      // Only behind a valid first step: its signed cookie names the pending
      // sign-in. Without it the route refuses by itself.
      const pending = await signedCookie(
        request,
        request.context.createAuthCookie("two_factor").name,
      );
      if (!pending) return none;
      return {
        buckets: [{ name: "secondStepFailures", key: pending }],
        forgiven: true,
      };
    }
    case "mail": {
      const recipient = address(policy.mail?.to ?? "email");
      const device = await trustedDevice(
        headers,
        request.context.secret,
        recipient,
      );
      if (device) {
        return {
          buckets: [{ name: "mailsPerDevice", key: `${device}:${recipient}` }],
          forgiven: false,
        };
      }
      return {
        buckets: [
          ...(recipient
            ? [{ name: "mailsPerRecipient", key: recipient } as const]
            : []),
          ...(ip ? [{ name: "mailsPerIp", key: ip } as const] : []),
          { name: "mailsShared", key: path },
        ],
        forgiven: false,
      };
    }
    case "start":
      return {
        buckets: [
          ...(ip ? [{ name: "startsPerIp", key: ip } as const] : []),
          { name: "startsShared", key: path },
        ],
        forgiven: false,
      };
    default:
      return none;
  }
}

type Refusal = ErrorData & {
  status: 429 | 503;
  retryAfter: number;
};

/**
 * Before a request: takes from its buckets. Never throws: a limiter that
 * fails (say, its shard rows keep conflicting under a burst until Convex
 * stops retrying) refuses with 503 and Retry-After instead of a 500.
 * Returns null when the request may go on.
 */
export async function checkRateLimits(
  ctx: RunMutationCtx,
  request: GenericEndpointContext,
): Promise<Refusal | null> {
  try {
    const { buckets } = await bucketsFor(request);
    if (buckets.length === 0) return null;
    return await applyBuckets(ctx, buckets, "take");
  } catch (error) {
    return unavailable(request.path, error);
  }
}

/** After a right password or code: the guesses before it are forgiven. */
export async function forgiveAfterSuccess(
  ctx: RunMutationCtx,
  request: GenericEndpointContext,
): Promise<void> {
  try {
    const { buckets, forgiven } = await bucketsFor(request);
    if (buckets.length === 0 || !forgiven) return;
    await applyBuckets(ctx, buckets, "forgive");
  } catch (error) {
    // The answer stands; at worst the count stays a little high.
    unavailable(request.path, error);
  }
}

async function applyBuckets(
  ctx: RunMutationCtx,
  buckets: Bucket[],
  action: "take" | "forgive",
): Promise<Refusal | null> {
  const result = await ctx.runMutation(internal.rateLimits.apply, {
    buckets,
    action,
  });
  if (result.ok) return null;
  const seconds = Math.max(1, Math.ceil(result.retryAfter / 1000));
  return {
    status: 429,
    ...errorData("RATE_LIMITED", {
      key: "retry_in_seconds",
      params: { seconds },
    }),
    retryAfter: seconds,
  };
}

/** The limiter (or its configuration) failed: 503 with Retry-After, logged. */
function unavailable(path: string | undefined, error: unknown): Refusal {
  console.error(
    `[rate limits] ${path} refused with 503: the limiter failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  return {
    status: 503,
    code: "RATE_LIMIT_UNAVAILABLE",
    message: ERROR_MESSAGES.RATE_LIMIT_UNAVAILABLE,
    retryAfter: 2,
  };
}

/**
 * An invitation email: per inviter, then per recipient (the bucket every
 * auth email to that address takes from). Throws RATE_LIMITED when either
 * is empty; called inside the inviting mutation, so a refused or failed
 * invitation takes nothing.
 */
export async function limitInvitationEmail(
  ctx: MutationCtx,
  inviterId: string,
  recipient: string,
): Promise<void> {
  for (const [name, key] of [
    ["invitationsPerInviter", inviterId],
    ["mailsPerRecipient", normalizeEmail(recipient)],
  ] as const) {
    const status = await limits.limit(ctx, name, { key });
    if (!status.ok) {
      const seconds = Math.max(1, Math.ceil(status.retryAfter / 1000));
      const minutes = Math.ceil(seconds / 60);
      throw appError("RATE_LIMITED", {
        key:
          name === "invitationsPerInviter"
            ? "invitations_retry_in_minutes"
            : "recipient_retry_in_minutes",
        params: { minutes },
      });
    }
  }
}
