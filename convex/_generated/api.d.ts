/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as account from "../account.js";
import type * as admin from "../admin.js";
import type * as adminPlugin from "../adminPlugin.js";
import type * as adminSetup from "../adminSetup.js";
import type * as appName from "../appName.js";
import type * as audit from "../audit.js";
import type * as auth from "../auth.js";
import type * as authData from "../authData.js";
import type * as authHooks from "../authHooks.js";
import type * as authInput from "../authInput.js";
import type * as authRoutes from "../authRoutes.js";
import type * as authorization from "../authorization.js";
import type * as configCheck from "../configCheck.js";
import type * as crons from "../crons.js";
import type * as devMailbox from "../devMailbox.js";
import type * as deviceTokens from "../deviceTokens.js";
import type * as doctor from "../doctor.js";
import type * as email from "../email.js";
import type * as emailCodes from "../emailCodes.js";
import type * as emailTexts from "../emailTexts.js";
import type * as emails_layout from "../emails/layout.js";
import type * as emails_render from "../emails/render.js";
import type * as emails_templates from "../emails/templates.js";
import type * as env from "../env.js";
import type * as errors from "../errors.js";
import type * as http from "../http.js";
import type * as impersonation from "../impersonation.js";
import type * as invitations from "../invitations.js";
import type * as locales from "../locales.js";
import type * as mailer from "../mailer.js";
import type * as migrations_convexAuthAccounts from "../migrations/convexAuthAccounts.js";
import type * as migrations_convexAuthMove from "../migrations/convexAuthMove.js";
import type * as migrations_convexAuthProblems from "../migrations/convexAuthProblems.js";
import type * as migrations_convexAuthReport from "../migrations/convexAuthReport.js";
import type * as migrations_convexAuthRows from "../migrations/convexAuthRows.js";
import type * as migrations_convexAuthSchema from "../migrations/convexAuthSchema.js";
import type * as migrations_dualDatabaseLink from "../migrations/dualDatabaseLink.js";
import type * as migrations_dualDatabaseProblems from "../migrations/dualDatabaseProblems.js";
import type * as migrations_dualDatabaseReport from "../migrations/dualDatabaseReport.js";
import type * as migrations_dualDatabaseRows from "../migrations/dualDatabaseRows.js";
import type * as migrations_dualDatabaseSchema from "../migrations/dualDatabaseSchema.js";
import type * as migrations_fromConvexAuth from "../migrations/fromConvexAuth.js";
import type * as migrations_fromDualDatabase from "../migrations/fromDualDatabase.js";
import type * as migrations_movedRows from "../migrations/movedRows.js";
import type * as migrations_problemList from "../migrations/problemList.js";
import type * as migrations_transitionalUsersTable from "../migrations/transitionalUsersTable.js";
import type * as model_organizations from "../model/organizations.js";
import type * as model_signingKeys from "../model/signingKeys.js";
import type * as model_users from "../model/users.js";
import type * as model_usersTable from "../model/usersTable.js";
import type * as notes from "../notes.js";
import type * as orgAccess from "../orgAccess.js";
import type * as orgData from "../orgData.js";
import type * as organizations from "../organizations.js";
import type * as passkeys from "../passkeys.js";
import type * as passwordResetsDue from "../passwordResetsDue.js";
import type * as projects from "../projects.js";
import type * as rateLimits from "../rateLimits.js";
import type * as retention from "../retention.js";
import type * as securityNotices from "../securityNotices.js";
import type * as sessionEnd from "../sessionEnd.js";
import type * as signingKeys from "../signingKeys.js";
import type * as socialSignIn from "../socialSignIn.js";
import type * as unprovenPassword from "../unprovenPassword.js";
import type * as userData from "../userData.js";
import type * as userSync from "../userSync.js";
import type * as users from "../users.js";
import type * as validation from "../validation.js";
import type * as verificationKinds from "../verificationKinds.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  account: typeof account;
  admin: typeof admin;
  adminPlugin: typeof adminPlugin;
  adminSetup: typeof adminSetup;
  appName: typeof appName;
  audit: typeof audit;
  auth: typeof auth;
  authData: typeof authData;
  authHooks: typeof authHooks;
  authInput: typeof authInput;
  authRoutes: typeof authRoutes;
  authorization: typeof authorization;
  configCheck: typeof configCheck;
  crons: typeof crons;
  devMailbox: typeof devMailbox;
  deviceTokens: typeof deviceTokens;
  doctor: typeof doctor;
  email: typeof email;
  emailCodes: typeof emailCodes;
  emailTexts: typeof emailTexts;
  "emails/layout": typeof emails_layout;
  "emails/render": typeof emails_render;
  "emails/templates": typeof emails_templates;
  env: typeof env;
  errors: typeof errors;
  http: typeof http;
  impersonation: typeof impersonation;
  invitations: typeof invitations;
  locales: typeof locales;
  mailer: typeof mailer;
  "migrations/convexAuthAccounts": typeof migrations_convexAuthAccounts;
  "migrations/convexAuthMove": typeof migrations_convexAuthMove;
  "migrations/convexAuthProblems": typeof migrations_convexAuthProblems;
  "migrations/convexAuthReport": typeof migrations_convexAuthReport;
  "migrations/convexAuthRows": typeof migrations_convexAuthRows;
  "migrations/convexAuthSchema": typeof migrations_convexAuthSchema;
  "migrations/dualDatabaseLink": typeof migrations_dualDatabaseLink;
  "migrations/dualDatabaseProblems": typeof migrations_dualDatabaseProblems;
  "migrations/dualDatabaseReport": typeof migrations_dualDatabaseReport;
  "migrations/dualDatabaseRows": typeof migrations_dualDatabaseRows;
  "migrations/dualDatabaseSchema": typeof migrations_dualDatabaseSchema;
  "migrations/fromConvexAuth": typeof migrations_fromConvexAuth;
  "migrations/fromDualDatabase": typeof migrations_fromDualDatabase;
  "migrations/movedRows": typeof migrations_movedRows;
  "migrations/problemList": typeof migrations_problemList;
  "migrations/transitionalUsersTable": typeof migrations_transitionalUsersTable;
  "model/organizations": typeof model_organizations;
  "model/signingKeys": typeof model_signingKeys;
  "model/users": typeof model_users;
  "model/usersTable": typeof model_usersTable;
  notes: typeof notes;
  orgAccess: typeof orgAccess;
  orgData: typeof orgData;
  organizations: typeof organizations;
  passkeys: typeof passkeys;
  passwordResetsDue: typeof passwordResetsDue;
  projects: typeof projects;
  rateLimits: typeof rateLimits;
  retention: typeof retention;
  securityNotices: typeof securityNotices;
  sessionEnd: typeof sessionEnd;
  signingKeys: typeof signingKeys;
  socialSignIn: typeof socialSignIn;
  unprovenPassword: typeof unprovenPassword;
  userData: typeof userData;
  userSync: typeof userSync;
  users: typeof users;
  validation: typeof validation;
  verificationKinds: typeof verificationKinds;
}>;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = internal.myModule.myFunction;
 * ```
 */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  betterAuth: import("../betterAuth/_generated/component.js").ComponentApi<"betterAuth">;
  resend: import("@convex-dev/resend/_generated/component.js").ComponentApi<"resend">;
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
};
