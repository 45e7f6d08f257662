/**
 * Security notices: the account's owner hears of a sign-in from a new
 * browser, a password change, a change of address (at the old one), two-
 * factor turned off and a passkey added. Which route sends which is the
 * route table's `notify` (convex/authRoutes.ts); the after-hook
 * (convex/authHooks.ts) calls `sendSecurityNotice` once, for requests that
 * succeeded.
 *
 * A notice goes only to the account's own address, after a successful
 * action by someone signed in to it (or holding its token), so nobody can
 * aim them at a stranger's inbox: no rate limit of their own.
 */
import type { GenericEndpointContext } from "@better-auth/core";
import { verifyJWT } from "better-auth/crypto";
import { trustedDevice } from "./deviceTokens";
import {
  canDeliverEmail,
  localeOfAddress,
  sendEmail,
  userLocale,
  type MailCtx,
} from "./email";
import type { SecurityNotice } from "./emailTexts";
import { siteUrl } from "./env";
import type { Locale } from "./locales";

/** An account this new has just signed in for the first time: no notice. */
const NEW_ACCOUNT_MS = 10 * 60 * 1000;

/** Who gets the notice for this request, in which language; or none. */
async function recipient(
  request: GenericEndpointContext,
  notice: SecurityNotice,
): Promise<{ to: string; locale: Locale } | undefined> {
  const { context } = request;
  switch (notice) {
    case "newSignIn": {
      const returned = (context as { returned?: unknown }).returned as
        { twoFactorRedirect?: unknown } | undefined;
      // The password step of a two-factor sign-in: the code step notifies.
      if (returned?.twoFactorRedirect) return undefined;
      const user = context.newSession?.user;
      if (!user) return undefined;
      if (Date.now() - new Date(user.createdAt).getTime() < NEW_ACCOUNT_MS) {
        return undefined;
      }
      // A browser that signed in to this address before holds a device
      // token for it (convex/deviceTokens.ts): that's a known browser.
      const known = await trustedDevice(
        request.headers,
        context.secret,
        user.email,
      );
      return known ? undefined : { to: user.email, locale: userLocale(user) };
    }
    case "emailChanged": {
      // Only a change-of-address link: its token names the old address.
      const token = request.query?.token;
      if (typeof token !== "string") return undefined;
      const payload = await verifyJWT(token, context.secret);
      if (
        typeof payload?.updateTo !== "string" ||
        typeof payload.email !== "string"
      ) {
        return undefined;
      }
      // The account has its new address by now: found by that one.
      return {
        to: payload.email,
        locale: await localeOfAddress(request, payload.updateTo),
      };
    }
    case "passwordChanged":
    case "twoFactorDisabled":
    case "passkeyAdded": {
      const user = context.session?.user;
      return user ? { to: user.email, locale: userLocale(user) } : undefined;
    }
  }
}

/** What a notice links to: where the owner can secure their account. */
function secureLink(notice: SecurityNotice): string {
  return notice === "emailChanged"
    ? `${siteUrl()}/sign-in`
    : `${siteUrl()}/forgot-password`;
}

/** Mails `notice` to the account's owner, if this request calls for one. */
export async function sendSecurityNotice(
  ctx: MailCtx,
  request: GenericEndpointContext,
  notice: SecurityNotice,
): Promise<void> {
  // A deployment without email still lets the change through.
  if (!canDeliverEmail()) return;
  const found = await recipient(request, notice);
  if (!found) return;
  await sendEmail(ctx, {
    to: found.to,
    template: notice,
    props: { link: secureLink(notice) },
    locale: found.locale,
  });
}
