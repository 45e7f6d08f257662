/**
 * Better Auth's admin plugin, used for two things: the role lives on the auth
 * user (the one place it is written; the app `users` row mirrors it through
 * the onUpdate trigger, convex/userSync.ts), and admins can view the app as a
 * user ("impersonation").
 *
 * Every other admin action goes through the admin console's Convex functions
 * (convex/admin.ts), which guard against lockouts and write the audit log, so
 * the plugin's own routes for them are switched off (convex/authRoutes.ts).
 */
import type { GenericEndpointContext } from "@better-auth/core";
import { admin } from "better-auth/plugins/admin";
import { authRefusal, requestCookies } from "./authInput";
import { routePolicy } from "./authRoutes";

/** How long a view as another user lasts before it ends on its own. */
export const IMPERSONATION_MINUTES = 30;

export const IMPERSONATION_PATHS = [
  "/admin/impersonate-user",
  "/admin/stop-impersonating",
] as const;

export function adminPlugin() {
  return admin({
    defaultRole: "user",
    adminRoles: ["admin"],
    // Admins can't view the app as another admin (the plugin's default,
    // stated so it can't change under us).
    allowImpersonatingAdmins: false,
    impersonationSessionDuration: IMPERSONATION_MINUTES * 60,
  });
}

/** Session tokens in every place a request can carry one. */
function sessionTokensOf(
  context: GenericEndpointContext,
  sessionCookie: string,
): Set<string> {
  const tokens = new Set<string>();
  const add = (signedOrPlain: string | undefined) => {
    const token = signedOrPlain?.split(".")[0]?.trim();
    if (token) tokens.add(token);
  };
  // The browser's cookies, and the SPA's cross-domain header.
  requestCookies(context, sessionCookie).forEach(add);
  // `Authorization: Bearer <session token>` (the bearer plugin, part of the
  // component's convex plugin).
  const headers = context.request?.headers ?? context.headers;
  const authorization = headers?.get("authorization") ?? "";
  if (/^bearer /i.test(authorization)) {
    const token = authorization.slice(7);
    try {
      add(decodeURIComponent(token));
    } catch {
      add(token);
    }
  }
  return tokens;
}

/**
 * A view is an allowlist: while an admin views the app as a user, only the
 * routes convex/authRoutes.ts marks `duringView` answer; every other route
 * answers 403 IMPERSONATING. A request is a view's when any session it
 * carries (cookie, cross-domain header or Bearer token) is one: checking
 * each, rather than guessing which one a plugin will pick, leaves no
 * transport through which a view changes the user's account.
 */
export async function refuseDuringView(
  context: GenericEndpointContext,
): Promise<void> {
  if (routePolicy(context.path)?.duringView) return;
  const tokens = sessionTokensOf(
    context,
    context.context.authCookies.sessionToken.name,
  );
  for (const token of tokens) {
    const found = await context.context.internalAdapter.findSession(token);
    if (found?.session.impersonatedBy) {
      throw authRefusal("FORBIDDEN", "IMPERSONATING");
    }
  }
}
