/**
 * Better Auth's admin plugin, used for two things: the role lives on the auth
 * user (the one place it is written; the app `users` row mirrors it through
 * the onUpdate trigger, convex/userSync.ts), and admins can view the app as a
 * user ("impersonation").
 *
 * Every other admin action goes through the admin console's Convex functions
 * (convex/admin.ts), which guard against lockouts and write the audit log, so
 * the plugin's own routes for them are switched off.
 */
import type { GenericEndpointContext } from "@better-auth/core";
import { APIError, getSessionFromCtx } from "better-auth/api";
import { admin } from "better-auth/plugins/admin";

/** How long a view as another user lasts before it ends on its own. */
export const IMPERSONATION_MINUTES = 30;

export const IMPERSONATION_PATHS = [
  "/admin/impersonate-user",
  "/admin/stop-impersonating",
] as const;

/**
 * The plugin's routes the admin console replaces (404 over HTTP). Tested
 * against the plugin's full route list, so a route a new version adds can't
 * slip through unnoticed.
 */
export const DISABLED_ADMIN_PATHS = [
  "/admin/set-role",
  "/admin/get-user",
  "/admin/create-user",
  "/admin/update-user",
  "/admin/list-users",
  "/admin/list-user-sessions",
  "/admin/ban-user",
  "/admin/unban-user",
  "/admin/revoke-user-session",
  "/admin/revoke-user-sessions",
  "/admin/remove-user",
  "/admin/set-user-password",
  "/admin/has-permission",
];

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

/**
 * What a session viewing the app as someone else must not do: change how the
 * user signs in, or their account itself. Prefixes end with "/".
 */
const REFUSED_WHILE_IMPERSONATING = [
  "/change-password",
  "/set-password",
  "/change-email",
  "/update-user",
  "/delete-user",
  "/two-factor/",
  "/passkey/",
  "/link-social",
  "/unlink-account",
  "/oauth2/link",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/admin/impersonate-user",
];
// Reading them is fine: Settings lists the user's passkeys.
const ALLOWED_WHILE_IMPERSONATING = ["/passkey/list-user-passkeys"];

function refusedWhileImpersonating(path: string): boolean {
  if (ALLOWED_WHILE_IMPERSONATING.includes(path)) return false;
  return REFUSED_WHILE_IMPERSONATING.some((refused) =>
    refused.endsWith("/") ? path.startsWith(refused) : path === refused,
  );
}

/**
 * Refuses the routes above for an impersonation session. Runs in the app's
 * before hook, ahead of the cross-domain plugin's, so it reads the SPA's
 * session header itself, as that plugin does.
 */
export async function refuseWhileImpersonating(
  context: GenericEndpointContext,
): Promise<void> {
  if (!refusedWhileImpersonating(context.path ?? "")) return;
  const headers = new Headers(context.headers ?? context.request?.headers);
  const crossDomainCookie = headers.get("better-auth-cookie");
  if (crossDomainCookie && !headers.get("authorization")) {
    headers.append("cookie", crossDomainCookie);
  }
  const session = await getSessionFromCtx({ ...context, headers });
  if (session?.session.impersonatedBy) {
    throw new APIError("FORBIDDEN", {
      code: "IMPERSONATING",
      message:
        "You're viewing the app as this user: you can't change their sign-in details or account. Stop viewing as them first.",
    });
  }
}
