/**
 * The before- and after-hooks of every Better Auth request: the policy of
 * convex/authRoutes.ts applied in one place, in this order, before any
 * route or plugin reads the request:
 *
 * 1. the route must have an entry and not be off (404 otherwise);
 * 2. a view as another user only reaches the routes it may (403);
 * 3. the body's shape (convex/authInput.ts);
 * 4. a route that always mails needs email delivery (503 otherwise);
 *    and a verification link settles a password set before it;
 * 5. the rate limits (429, or 503 when the limiter fails).
 *
 * After a request that succeeded: the route's security notice, if any.
 */
import type { GenericEndpointContext } from "@better-auth/core";
import { BASE_ERROR_CODES } from "@better-auth/core/error";
import type { GenericCtx } from "@convex-dev/better-auth";
import { isRunMutationCtx } from "@convex-dev/better-auth/utils";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { internal } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import { IMPERSONATION_PATHS, refuseDuringView } from "./adminPlugin";
import { authRefusal, checkedName, checkRequestBody } from "./authInput";
import { routePolicy } from "./authRoutes";
import { mailCtx, requireEmailDelivery } from "./email";
import { redirectMagicLinkPastTwoFactor } from "./emailCodes";
import { sendSecurityNotice } from "./securityNotices";
import { issueDeviceToken } from "./deviceTokens";
import { checkRateLimits, forgiveAfterSuccess } from "./rateLimits";
import {
  setSignUpProof,
  SETTLED_PATHS,
  settleUnprovenPassword,
} from "./unprovenPassword";

/** Answered for a route nobody decided on, or one switched off. */
function notFound(): APIError {
  return authRefusal("NOT_FOUND", "NOT_FOUND", "Not found");
}

export function beforeAuthRequest(ctx: GenericCtx<DataModel>) {
  return createAuthMiddleware(async (request) => {
    // Server-side calls (the CLI's admin bootstrap, the component's own
    // key routes) are the app's code, not a caller's request.
    const overHttp = Boolean(request.request);
    const policy = routePolicy(request.path);
    if (overHttp && (!policy || policy.use === "off")) throw notFound();
    if (overHttp) await refuseDuringView(request);
    checkRequestBody(request.body);
    // Checked before Better Auth looks the email up, so a bad name is
    // refused the same way whether or not the email is taken.
    if (request.path === "/sign-up/email") checkedName(request.body ?? {});
    // Refused before anything is written: a deployed app without email
    // would create accounts nobody can verify. (Server-side calls hand the
    // link over themselves.)
    if (overHttp && policy?.mail?.always) requireEmailDelivery();
    // A password set before the address was verified (convex/unprovenPassword.ts).
    if (overHttp && SETTLED_PATHS.includes(request.path ?? "")) {
      await settleUnprovenPassword(request);
    }
    if (overHttp && request.path === "/magic-link/verify") {
      await redirectMagicLinkPastTwoFactor(request);
    }
    if (!isRunMutationCtx(ctx)) return;
    const refusal = await checkRateLimits(ctx, request);
    if (refusal) {
      const { status, retryAfter, ...body } = refusal;
      throw new APIError(
        status === 429 ? "TOO_MANY_REQUESTS" : "SERVICE_UNAVAILABLE",
        { ...body, retryAfter },
        { "Retry-After": String(retryAfter) },
      );
    }
  });
}

export function afterAuthRequest(ctx: GenericCtx<DataModel>) {
  return createAuthMiddleware(async (request) => {
    if (isRunMutationCtx(ctx) && acceptedCredential(request)) {
      await forgiveAfterSuccess(ctx, request);
    }
    if (
      isRunMutationCtx(ctx) &&
      request.request &&
      request.path === "/sign-in/email" &&
      !acceptedCredential(request)
    ) {
      // A moved user whose old hash didn't carry (convex/passwordResetsDue.ts).
      const { email } = (request.body ?? {}) as { email?: unknown };
      if (typeof email === "string") {
        await ctx.runMutation(internal.passwordResetsDue.claim, { email });
      }
    }
    // Before the device token: the browser is new if it held none yet.
    const notice = routePolicy(request.path)?.notify;
    if (notice && request.request && acceptedCredential(request)) {
      await sendSecurityNotice(mailCtx(ctx), request, notice);
    }
    await issueDeviceToken(request);
    return await afterEachRoute(request);
  });
}

/**
 * The request's password or code was right: it answered without an error.
 * Anything else (a wrong one, a malformed request, the right password of an
 * address never verified: see `refuseUnverifiedSignIn`) keeps its cost.
 */
function acceptedCredential(request: GenericEndpointContext): boolean {
  const returned = (request.context as { returned?: unknown }).returned;
  return !(returned instanceof Error) && returned !== undefined;
}

/**
 * Better Auth answers the right password of an unverified address with 403
 * "verify your email first", after mailing a new link. Anyone can sign up
 * any free address with a password of their choosing, then sign in with it:
 * that 403 would tell them the address was free, a wrong-password 401 that
 * it was taken. So it goes out as the wrong-password answer (and costs as
 * one, above); the link still goes to the address, and the SPA's message
 * for a wrong password says to open it after a sign-up. Done on the
 * response, since Better Auth keeps the 403's status whatever a hook throws.
 */
export async function answerUnverifiedAsWrong(
  request: Request,
  response: Response,
): Promise<Response> {
  if (
    response.status !== 403 ||
    !new URL(request.url).pathname.endsWith("/sign-in/email")
  ) {
    return response;
  }
  const body = (await response.clone().json()) as { code?: unknown };
  if (body.code !== "EMAIL_NOT_VERIFIED") return response;
  const wrong = BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD;
  return new Response(
    JSON.stringify({ message: wrong.message, code: wrong.code }),
    { status: 401, statusText: "UNAUTHORIZED", headers: response.headers },
  );
}

async function afterEachRoute(request: GenericEndpointContext) {
  if (request.path === "/sign-up/email") return await sameSignUpAnswer(request);
  // The stored Convex JWT is the previous user's: drop it, so the SPA
  // fetches one for the new session even across a reload.
  if ((IMPERSONATION_PATHS as readonly string[]).includes(request.path)) {
    const jwt = request.context.createAuthCookie("convex_jwt", { maxAge: 0 });
    request.setCookie(jwt.name, "", jwt.attributes);
  }
}

/**
 * Sign-up answers a taken email with a made-up user (no session either way),
 * but its shape differs from a real one: the id's format, null fields. Both
 * are cut down to what the SPA shows ("check your inbox at …"), so nothing
 * tells them apart.
 */
async function sameSignUpAnswer(request: GenericEndpointContext) {
  const returned = (request.context as { returned?: unknown }).returned as
    { user?: { id?: unknown; name?: unknown; email?: unknown } } | undefined;
  if (!returned?.user || returned instanceof Error) return;
  await setSignUpProof(request, returned.user);
  const { name, email } = returned.user;
  // A real user's name was trimmed when stored; the made-up one's wasn't.
  const shownName = typeof name === "string" ? name.trim() : name;
  return request.json({ token: null, user: { name: shownName, email } });
}
