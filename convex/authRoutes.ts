/**
 * The one policy table for Better Auth's routes: every route the auth
 * instance serves, plugins included, has an entry, and a route without one
 * is refused (404) until someone decides. The before-hook (convex/auth.ts),
 * the email code (convex/email.ts) and the limiter (convex/rateLimits.ts)
 * read it; tests/authRoutes.test.ts enumerates the live instance's routes
 * against it and checks that every route marked `off` answers 404.
 *
 * Keys are Better Auth's route paths as it declares them (`/callback/:id`).
 */

import type { SecurityNotice } from "./emailTexts";

/** Who calls a route. */
export type RouteUse =
  /** The SPA, through the auth client. */
  | "spa"
  /** A browser following a link: an email's, or a provider's redirect. */
  | "link"
  /** Convex's backend, to check the JWTs it is handed. */
  | "convex"
  /** Server code only (Better Auth refuses these over HTTP). */
  | "server"
  /** Nobody: switched off, answers 404. */
  | "off";

export type RoutePolicy = {
  use: RouteUse;
  /** Why a route is off, or anything else a reader must know. */
  note?: string;
  /**
   * Allowed while an admin views the app as a user (a session with
   * `impersonatedBy`), whatever carries that session. Everything else is
   * refused with 403 IMPERSONATING.
   */
  duringView?: true;
  /**
   * Which limits apply (convex/rateLimits.ts): `password` counts failed
   * sign-ins, `secondStep` failed codes behind a valid password step,
   * `mail` every request that mails (per recipient), `start` every start
   * of a flow that stores a row.
   */
  limit?: "password" | "secondStep" | "mail" | "start";
  /**
   * The route may send an email, to the address in this body field.
   * `always`: it sends one for every accepted request, so a deployment
   * without email refuses it up front.
   */
  mail?: { to: "email" | "newEmail"; always: boolean };
  /**
   * The security notice a success sends to the account's own address
   * (convex/securityNotices.ts decides the recipient, and whether a
   * sign-in's browser is new).
   */
  notify?: SecurityNotice;
};

const off = (note: string): RoutePolicy => ({ use: "off", note });

export const AUTH_ROUTES: Record<string, RoutePolicy> = {
  // Session.
  "/get-session": { use: "spa", duringView: true },
  "/sign-out": { use: "spa", duringView: true },
  "/list-sessions": { use: "spa", duringView: true },
  "/revoke-session": { use: "spa" },
  "/revoke-other-sessions": { use: "spa" },
  "/revoke-sessions": off("Settings revokes one session or all others."),
  "/update-session": off(
    "No session field is the client's to set; the SPA refreshes its session store locally.",
  ),
  // Where a magic link's or a provider's sign-in lands in the SPA: the
  // first request of that sign-in that carries the browser's device tokens.
  "/cross-domain/one-time-token/verify": { use: "spa", notify: "newSignIn" },

  // Email and password.
  "/sign-up/email": {
    use: "spa",
    limit: "mail",
    mail: { to: "email", always: true },
  },
  "/sign-in/email": {
    use: "spa",
    limit: "password",
    // An unverified account gets a new verification link instead.
    mail: { to: "email", always: false },
    notify: "newSignIn",
  },
  "/send-verification-email": {
    use: "spa",
    limit: "mail",
    mail: { to: "email", always: true },
  },
  // A change-of-address link tells the old address.
  "/verify-email": { use: "spa", notify: "emailChanged" },
  "/request-password-reset": {
    use: "spa",
    limit: "mail",
    mail: { to: "email", always: true },
  },
  "/reset-password/:token": {
    use: "link",
    note: "The reset email's link: checks the token, then redirects to the SPA.",
  },
  "/reset-password": { use: "spa" },
  "/change-password": { use: "spa", notify: "passwordChanged" },
  "/verify-password": off("The SPA never asks for the password alone."),

  // Account.
  "/update-user": { use: "spa" },
  "/change-email": {
    use: "spa",
    limit: "mail",
    mail: { to: "newEmail", always: true },
  },
  "/delete-user": { use: "spa" },
  "/delete-user/callback": off(
    "Deletion asks for the password or a fresh session, not an emailed link.",
  ),
  "/list-accounts": off("Settings lists sign-in methods from a Convex query."),
  "/unlink-account": { use: "spa" },
  "/account-info": off("Hands out provider profile data; the SPA never asks."),
  "/get-access-token": off("Hands out the user's provider tokens."),
  "/refresh-token": off("Hands out the user's provider tokens."),

  // Magic links.
  "/sign-in/magic-link": {
    use: "spa",
    limit: "mail",
    mail: { to: "email", always: true },
  },
  "/magic-link/verify": { use: "link" },

  // One-time codes by email (convex/emailCodes.ts): to sign in, or to
  // verify an address. A wrong code counts as a failed sign-in.
  "/email-otp/send-verification-otp": {
    use: "spa",
    limit: "mail",
    mail: { to: "email", always: true },
  },
  "/sign-in/email-otp": { use: "spa", limit: "password", notify: "newSignIn" },
  "/email-otp/verify-email": { use: "spa", limit: "password" },
  "/email-otp/check-verification-otp": off(
    "Would test a code without using it; the SPA sends it to the route that uses it.",
  ),
  "/email-otp/request-password-reset": off(
    "Passwords are reset by the emailed link.",
  ),
  "/forget-password/email-otp": off("Passwords are reset by the emailed link."),
  "/email-otp/reset-password": off("Passwords are reset by the emailed link."),
  "/email-otp/request-email-change": off(
    "A change of address is confirmed by the link sent to the new one.",
  ),
  "/email-otp/change-email": off(
    "A change of address is confirmed by the link sent to the new one.",
  ),

  // Social sign-in (GitHub, Google, the dev provider).
  "/sign-in/social": { use: "spa", limit: "start" },
  "/link-social": { use: "spa", limit: "start" },
  "/callback/:id": { use: "link" },
  // The dev provider's own routes: it runs through the standard ones above
  // (convex/socialSignIn.ts).
  "/sign-in/oauth2": off("The dev provider starts through /sign-in/social."),
  "/oauth2/callback/:providerId": off(
    "The dev provider returns to /callback/dev.",
  ),
  "/oauth2/link": off("The dev provider links through /link-social."),

  // Two-factor.
  "/two-factor/enable": { use: "spa" },
  "/two-factor/disable": { use: "spa", notify: "twoFactorDisabled" },
  "/two-factor/verify-totp": {
    use: "spa",
    limit: "secondStep",
    notify: "newSignIn",
  },
  "/two-factor/verify-backup-code": {
    use: "spa",
    limit: "secondStep",
    notify: "newSignIn",
  },
  "/two-factor/get-totp-uri": off("Enabling returns the QR code's URI."),
  "/two-factor/generate-backup-codes": off(
    "Backup codes come with enabling; the SPA offers no regeneration.",
  ),
  "/two-factor/send-otp": off("No emailed or texted codes are configured."),
  "/two-factor/verify-otp": off("No emailed or texted codes are configured."),

  // Passkeys.
  "/passkey/generate-register-options": { use: "spa", limit: "start" },
  "/passkey/verify-registration": { use: "spa", notify: "passkeyAdded" },
  "/passkey/generate-authenticate-options": { use: "spa", limit: "start" },
  // Its challenge is single-use and comes from the limited start above.
  "/passkey/verify-authentication": { use: "spa", notify: "newSignIn" },
  "/passkey/list-user-passkeys": { use: "spa", duringView: true },
  "/passkey/update-passkey": { use: "spa" },
  "/passkey/delete-passkey": { use: "spa" },

  // Admin plugin: the role and viewing the app as a user. Every other admin
  // action goes through the admin console's Convex functions
  // (convex/admin.ts), which guard against lockouts and write the audit log.
  "/admin/impersonate-user": { use: "spa" },
  "/admin/stop-impersonating": { use: "spa", duringView: true },
  "/admin/set-role": off("convex/admin.ts: setRole."),
  "/admin/get-user": off("convex/admin.ts: userDetail."),
  "/admin/create-user": off("Users sign up; admins come from the CLI."),
  "/admin/update-user": off("Users edit their own profile."),
  "/admin/list-users": off("convex/admin.ts: listUsers."),
  "/admin/list-user-sessions": off("convex/admin.ts: userDetail."),
  "/admin/ban-user": off("convex/admin.ts: setDisabled."),
  "/admin/unban-user": off("convex/admin.ts: setDisabled."),
  "/admin/revoke-user-session": off("convex/admin.ts: revokeSessions."),
  "/admin/revoke-user-sessions": off("convex/admin.ts: revokeSessions."),
  "/admin/remove-user": off("convex/admin.ts: deleteUser."),
  "/admin/set-user-password": off("Users reset their own password."),
  "/admin/has-permission": off("Roles are checked in Convex functions."),

  // Organization plugin: its tables and roles only. Each change below is
  // one Convex mutation instead, so an organization can't end up without an
  // owner or an invitation accepted twice (convex/orgAccess.ts).
  "/organization/create": off("convex/organizations.ts: create."),
  "/organization/check-slug": off("convex/organizations.ts: create."),
  "/organization/update": off("convex/organizations.ts: rename."),
  "/organization/delete": off("convex/organizations.ts: remove."),
  "/organization/set-active": off("convex/organizations.ts: setActive."),
  "/organization/get-full-organization": off(
    "convex/organizations.ts: active, members.",
  ),
  "/organization/list": off("convex/organizations.ts: mine."),
  "/organization/invite-member": off("convex/invitations.ts: invite."),
  "/organization/cancel-invitation": off("convex/invitations.ts: cancel."),
  "/organization/accept-invitation": off("convex/invitations.ts: accept."),
  "/organization/reject-invitation": off("convex/invitations.ts: decline."),
  "/organization/get-invitation": off("convex/invitations.ts: preview."),
  "/organization/list-invitations": off("convex/invitations.ts: list."),
  "/organization/list-user-invitations": off("convex/invitations.ts: mine."),
  "/organization/get-active-member": off("convex/organizations.ts: active."),
  "/organization/get-active-member-role": off(
    "convex/organizations.ts: active.",
  ),
  "/organization/list-members": off("convex/organizations.ts: members."),
  "/organization/remove-member": off("convex/organizations.ts: removeMember."),
  "/organization/update-member-role": off("convex/organizations.ts: setRole."),
  "/organization/leave": off("convex/organizations.ts: leave."),
  "/organization/has-permission": off(
    "Permissions are checked in orgQuery/orgMutation (convex/authorization.ts).",
  ),

  // Convex: the SPA's JWT, and the keys Convex's backend checks it with.
  "/convex/token": { use: "spa", duringView: true },
  "/convex/jwks": { use: "convex", duringView: true },
  "/convex/.well-known/openid-configuration": {
    use: "convex",
    duringView: true,
  },
  "/convex/latest-jwks": { use: "server" },
  "/convex/rotate-keys": { use: "server" },

  // Better Auth's own pages: errors go to the SPA's sign-in page instead
  // (`onAPIError` in convex/auth.ts).
  "/ok": off("No health check is needed: the SPA checks /api/config-check."),
  "/error": off("OAuth errors are shown on the SPA's sign-in page."),
};

/** The policy of a route, or undefined for one nobody has decided on. */
export function routePolicy(path: string | undefined): RoutePolicy | undefined {
  return path === undefined ? undefined : AUTH_ROUTES[path];
}

/**
 * Better Auth's `disabledPaths`: the routes marked off, without path
 * parameters (those are refused by the before-hook, which sees the
 * declared path).
 */
export const OFF_PATHS = Object.entries(AUTH_ROUTES)
  .filter(([path, policy]) => policy.use === "off" && !path.includes(":"))
  .map(([path]) => path);
