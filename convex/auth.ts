import {
  createClient,
  type AuthFunctions,
  type GenericCtx,
} from "@convex-dev/better-auth";
import { convex, crossDomain } from "@convex-dev/better-auth/plugins";
import { createEmailVerificationToken } from "better-auth/api";
import { betterAuth, type BetterAuthOptions } from "better-auth/minimal";
import { magicLink } from "better-auth/plugins/magic-link";
import { twoFactor } from "better-auth/plugins/two-factor";
import { components, internal } from "./_generated/api";
import { adminPlugin } from "./adminPlugin";
import { APP_NAME } from "./appName";
import { afterAuthRequest, beforeAuthRequest } from "./authHooks";
import { authRefusal, checkedName } from "./authInput";
import { OFF_PATHS } from "./authRoutes";
import type { DataModel } from "./_generated/dataModel";
import authConfig from "./auth.config";
import authSchema from "./betterAuth/schema";
import {
  canDeliverEmail,
  localeOfAddress,
  mailCtx,
  sendEmail,
  userLocale,
} from "./email";
import { emailCodesPlugin, refuseInboxSignInPastTwoFactor } from "./emailCodes";
import {
  organizationPlugin,
  refuseWhileOnlyOwner,
  withLastOrganization,
} from "./orgAccess";
import { passkeyPlugin } from "./passkeys";
import {
  betterAuthSecret,
  convexSiteUrl,
  jwtLifetimeSeconds,
  siteUrl,
  socialProviderCredentials,
} from "./env";
import {
  ACCOUNT_LINKING,
  devProviderPlugins,
  refuseUnverifiedUser,
} from "./socialSignIn";
import {
  recordImpersonationEnd,
  recordImpersonationStart,
} from "./impersonation";
import { checkedLocale } from "./locales";
import { deleteAppUser, insertAppUser, mirrorAuthUser } from "./userSync";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./validation";
import {
  keyedIdentifier,
  refuseUnknownVerification,
} from "./verificationKinds";
import { UNPROVEN_PASSWORD_PATHS } from "./unprovenPassword";

// Typed explicitly to break the type cycle between this module and _generated/api.
const authFunctions: AuthFunctions = internal.auth;

/**
 * The Better Auth component client. Its `user` triggers keep the app's
 * `users` table in step with the component's `user` table, inside the same
 * transaction as the auth write (see convex/userSync.ts).
 */
export const authComponent = createClient<DataModel, typeof authSchema>(
  components.betterAuth,
  {
    // Local Install: the component's code and schema live in convex/betterAuth/.
    local: { schema: authSchema },
    authFunctions,
    triggers: {
      user: {
        onCreate: insertAppUser,
        onUpdate: mirrorAuthUser,
        onDelete: deleteAppUser,
      },
      // Views as another user start and end in the audit log, in the same
      // transaction as their session (convex/impersonation.ts).
      session: {
        onCreate: recordImpersonationStart,
        onDelete: recordImpersonationEnd,
      },
    },
  },
);

// The component runs the triggers by calling these internal mutations
// (found through `authFunctions` above). They MUST stay exported: without
// them the triggers silently never run. tests/auth.triggers.test.ts guards it.
export const { onCreate, onUpdate, onDelete } = authComponent.triggersApi();

/** Optional hooks for server-side callers such as adminSetup. */
export type AuthHooks = {
  onPasswordResetUrl?: (url: string) => void;
};

/** What the options take from the deployment's variables. */
export type AuthSettings = {
  /** The SPA's origin (SITE_URL). */
  siteUrl: string;
  secret: string;
  /** Where Better Auth's routes are: the deployment's site URL. */
  baseURL: string;
};

/** Read (and checked, failing with the fix) where a request needs them. */
function deploymentSettings(): AuthSettings {
  return {
    siteUrl: siteUrl(),
    secret: betterAuthSecret(),
    baseURL: convexSiteUrl(),
  };
}

/**
 * Stand-ins for reading the options' tables and fields only. The component's
 * adapter (convex/betterAuth/adapter.ts) builds the options inside the
 * component, which sees none of the deployment's variables, and Better Auth's
 * schema generator runs on a developer's machine. Nothing signs, sends or
 * redirects with these.
 */
const SCHEMA_ONLY_SETTINGS: AuthSettings = {
  siteUrl: "http://localhost",
  secret: "schema-only-placeholder-never-used-to-sign-anything",
  baseURL: "http://localhost",
};

/**
 * The options as far as the schema is concerned (plugins, fields), without
 * reading the deployment's variables: for `createApi` and the schema
 * generator (convex/betterAuth/).
 */
export function authOptionsForSchema(ctx: GenericCtx<DataModel>) {
  return createAuthOptions(ctx, {}, SCHEMA_ONLY_SETTINGS);
}

export function createAuthOptions(
  ctx: GenericCtx<DataModel>,
  hooks: AuthHooks = {},
  settings: AuthSettings = deploymentSettings(),
) {
  const appUrl = settings.siteUrl;
  const secret = settings.secret;
  const sendVerificationLink = async (
    user: { name: string; email: string },
    token: string,
    request?: Request,
  ) => {
    // A change of address mails the new one through the same callback.
    const changing = request
      ? new URL(request.url).pathname.endsWith("/change-email")
      : false;
    await sendEmail(mailCtx(ctx), {
      to: user.email,
      template: changing ? "changeEmail" : "verifyAddress",
      locale: userLocale(user),
      // The SPA's page verifies the token through the auth client, on the
      // person's click (a link scanner's visit doesn't spend it), so the
      // session it starts lands in the SPA (not on the Convex site).
      props: {
        link: `${appUrl}/verify-email?token=${encodeURIComponent(token)}`,
      },
    });
  };
  return {
    appName: APP_NAME,
    baseURL: settings.baseURL,
    secret,
    trustedOrigins: [appUrl],
    database: authComponent.adapter(ctx),
    emailAndPassword: {
      enabled: true,
      // New accounts sign in by opening the emailed link. This is also what
      // makes sign-up answer the same whether or not the email is taken (no
      // session either way), so it can't be used to probe for accounts.
      requireEmailVerification: true,
      onExistingUserSignUp: async ({ user }) => {
        // Never verified: they likely lost the first link, so send a new one.
        if (!user.emailVerified) {
          const token = await createEmailVerificationToken(secret, user.email);
          return await sendVerificationLink(user, token);
        }
        await sendEmail(mailCtx(ctx), {
          to: user.email,
          template: "alreadyHaveAccount",
          props: { link: `${appUrl}/forgot-password` },
          locale: userLocale(user),
        });
      },
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        if (hooks.onPasswordResetUrl) {
          hooks.onPasswordResetUrl(url);
          // The CLI prints the link; without email that is all it needs.
          if (!canDeliverEmail()) return;
        }
        await sendEmail(mailCtx(ctx), {
          to: user.email,
          template: "resetPassword",
          props: { link: url },
          locale: userLocale(user),
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      // An unverified user who signs in with the right password gets a new link.
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user, token }, request) =>
        await sendVerificationLink(user, token, request),
    },
    // Better Auth's limiter can't keep state across Convex requests; the
    // sharded one in convex/rateLimits.ts runs in the hook below instead.
    rateLimit: { enabled: false },
    // The route table's policies (convex/authRoutes.ts), applied in
    // convex/authHooks.ts.
    hooks: { before: beforeAuthRequest(ctx), after: afterAuthRequest(ctx) },
    // Routes nobody uses answer 404 (convex/authRoutes.ts).
    disabledPaths: OFF_PATHS,
    // A copy of the verification table holds no usable token, and nobody
    // without the secret can name a stored row; which rows may exist at
    // all: convex/verificationKinds.ts.
    verification: { storeIdentifier: keyedIdentifier(secret) },
    socialProviders: socialProviderCredentials(),
    // Linking policy and why: convex/socialSignIn.ts.
    account: { accountLinking: ACCOUNT_LINKING },
    // OAuth errors that happen before the SPA's errorCallbackURL is known
    // (no or bad state) go back to the SPA's sign-in page, which shows them,
    // not to Better Auth's page on the Convex site.
    onAPIError: { errorURL: `${appUrl}/sign-in` },
    user: {
      deleteUser: {
        enabled: true,
        // The only owner of an organization with other members hands it on
        // or deletes it first (convex/organizations.ts says why).
        beforeDelete: refuseWhileOnlyOwner(ctx),
      },
      // The new address gets a link; the email changes when it is opened.
      changeEmail: { enabled: true },
      additionalFields: {
        // The person's language (convex/locales.ts): sent at sign-up and by
        // the language switch, mirrored to the app row, used for emails.
        locale: { type: "string", required: false, input: true },
      },
    },
    databaseHooks: {
      user: {
        // Names are free text but bounded; refused here, before any write.
        create: {
          before: async (user, context) => {
            refuseUnverifiedUser(user, context?.path);
            return { data: checkedLocale(checkedName(user)) };
          },
        },
        update: {
          before: async (user) => {
            checkedLocale(user);
            return user.name === undefined
              ? undefined
              : { data: checkedName(user) };
          },
        },
      },
      account: {
        delete: {
          // A password set before the address was verified was just
          // removed (convex/unprovenPassword.ts): the owner learns how to
          // choose one.
          after: async (account, context) => {
            if (
              account.providerId !== "credential" ||
              !UNPROVEN_PASSWORD_PATHS.includes(context?.path ?? "")
            ) {
              return;
            }
            const user = await context!.context.internalAdapter.findUserById(
              account.userId,
            );
            if (!user) return;
            await sendEmail(mailCtx(ctx), {
              to: user.email,
              template: "passwordRemoved",
              props: { link: `${appUrl}/forgot-password` },
              locale: userLocale(user),
            });
          },
        },
      },
      verification: {
        create: {
          before: async (row, context) =>
            refuseUnknownVerification(row, context?.path),
        },
      },
      session: {
        create: {
          // Every sign-in method ends here: a disabled user gets no session.
          before: async (session, context) => {
            await refuseInboxSignInPastTwoFactor(context, session.userId);
            const state = await ctx.runQuery(internal.account.status, {
              authId: session.userId,
            });
            if (state?.disabled) {
              throw authRefusal("FORBIDDEN", "ACCOUNT_DISABLED");
            }
            // A new sign-in opens the organization of the user's newest session.
            return await withLastOrganization(ctx, session);
          },
        },
      },
    },
    // Order matters: the cross-domain plugin turns the cookies that the
    // plugins before it set into the header the SPA reads, so it comes last:
    // after two-factor (which swaps the session cookie for a 2FA one), magic
    // link, passkey (which keeps the WebAuthn challenge in a cookie), admin
    // (which swaps the session when an admin views the app as a user), the
    // dev OAuth provider, and Convex (whose JWT, set on a sign-in's answer,
    // saves the SPA a token request before the user's data).
    plugins: [
      twoFactor({ issuer: APP_NAME }),
      magicLink({
        // Stored under the token's hash: no other kind of row's identifier
        // can be presented as a magic link (convex/verificationKinds.ts).
        storeToken: "hashed",
        sendMagicLink: async ({ email, url }, request) => {
          await sendEmail(mailCtx(ctx), {
            to: email,
            template: "magicLink",
            props: { link: magicLinkPage(appUrl, url) },
            locale: await localeOfAddress(request, email),
          });
        },
      }),
      emailCodesPlugin(ctx),
      passkeyPlugin(appUrl, APP_NAME),
      adminPlugin(),
      // For its tables and roles; its routes are off (convex/orgAccess.ts).
      organizationPlugin(),
      ...devProviderPlugins(),
      convex({
        authConfig,
        jwt: { expirationSeconds: jwtLifetimeSeconds() },
      }),
      crossDomain({ siteUrl: appUrl }),
    ],
  } satisfies BetterAuthOptions;
}

/**
 * The emailed sign-in link: the SPA's confirmation page with the verify
 * link's query (token, return URLs). Better Auth's own link signs in on a
 * GET, so a mail scanner that fetches it would spend the token; the page
 * opens it only when the person clicks (src/pages/MagicLink.tsx).
 */
export function magicLinkPage(appUrl: string, verifyUrl: string): string {
  return `${appUrl}/magic-link${new URL(verifyUrl).search}`;
}

/** A Better Auth instance bound to this Convex call's context. */
export function createAuth(ctx: GenericCtx<DataModel>, hooks?: AuthHooks) {
  return betterAuth(createAuthOptions(ctx, hooks));
}
