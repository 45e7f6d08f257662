/* eslint-disable */
/**
 * Generated `ComponentApi` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type { FunctionReference } from "convex/server";

/**
 * A utility for referencing a Convex component's exposed API.
 *
 * Useful when expecting a parameter like `components.myComponent`.
 * Usage:
 * ```ts
 * async function myFunction(ctx: QueryCtx, component: ComponentApi) {
 *   return ctx.runQuery(component.someFile.someQuery, { ...args });
 * }
 * ```
 */
export type ComponentApi<Name extends string | undefined = string | undefined> =
  {
    adapter: {
      create: FunctionReference<
        "mutation",
        "internal",
        {
          input:
            | {
                model: "user";
                data: {
                  name: string;
                  email: string;
                  emailVerified: boolean;
                  image?: null | string;
                  createdAt: number;
                  updatedAt: number;
                  twoFactorEnabled?: null | boolean;
                  role?: null | string;
                  banned?: null | boolean;
                  banReason?: null | string;
                  banExpires?: null | number;
                  userId?: null | string;
                  locale?: null | string;
                };
              }
            | {
                model: "session";
                data: {
                  expiresAt: number;
                  token: string;
                  createdAt: number;
                  updatedAt: number;
                  ipAddress?: null | string;
                  userAgent?: null | string;
                  userId: string;
                  impersonatedBy?: null | string;
                  activeOrganizationId?: null | string;
                };
              }
            | {
                model: "account";
                data: {
                  accountId: string;
                  providerId: string;
                  userId: string;
                  accessToken?: null | string;
                  refreshToken?: null | string;
                  idToken?: null | string;
                  accessTokenExpiresAt?: null | number;
                  refreshTokenExpiresAt?: null | number;
                  scope?: null | string;
                  password?: null | string;
                  createdAt: number;
                  updatedAt: number;
                };
              }
            | {
                model: "verification";
                data: {
                  identifier: string;
                  value: string;
                  expiresAt: number;
                  createdAt: number;
                  updatedAt: number;
                };
              }
            | {
                model: "twoFactor";
                data: {
                  secret: string;
                  backupCodes: string;
                  userId: string;
                  verified?: null | boolean;
                  failedVerificationCount?: null | number;
                  lockedUntil?: null | number;
                };
              }
            | {
                model: "passkey";
                data: {
                  name?: null | string;
                  publicKey: string;
                  userId: string;
                  credentialID: string;
                  counter: number;
                  deviceType: string;
                  backedUp: boolean;
                  transports?: null | string;
                  createdAt?: null | number;
                  aaguid?: null | string;
                };
              }
            | {
                model: "organization";
                data: {
                  name: string;
                  slug: string;
                  logo?: null | string;
                  createdAt: number;
                  metadata?: null | string;
                  memberCount: number;
                };
              }
            | {
                model: "member";
                data: {
                  organizationId: string;
                  userId: string;
                  role: string;
                  createdAt: number;
                };
              }
            | {
                model: "invitation";
                data: {
                  organizationId: string;
                  email: string;
                  role?: null | string;
                  status: string;
                  expiresAt: number;
                  createdAt: number;
                  inviterId: string;
                };
              }
            | {
                model: "jwks";
                data: {
                  publicKey: string;
                  privateKey: string;
                  createdAt: number;
                  expiresAt?: null | number;
                };
              };
          select?: Array<string>;
          onCreateHandle?: string;
        },
        any,
        Name
      >;
      deleteMany: FunctionReference<
        "mutation",
        "internal",
        {
          input:
            | {
                model: "user";
                where?: Array<{
                  field:
                    | "name"
                    | "email"
                    | "emailVerified"
                    | "image"
                    | "createdAt"
                    | "updatedAt"
                    | "twoFactorEnabled"
                    | "role"
                    | "banned"
                    | "banReason"
                    | "banExpires"
                    | "userId"
                    | "locale"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "session";
                where?: Array<{
                  field:
                    | "expiresAt"
                    | "token"
                    | "createdAt"
                    | "updatedAt"
                    | "ipAddress"
                    | "userAgent"
                    | "userId"
                    | "impersonatedBy"
                    | "activeOrganizationId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "account";
                where?: Array<{
                  field:
                    | "accountId"
                    | "providerId"
                    | "userId"
                    | "accessToken"
                    | "refreshToken"
                    | "idToken"
                    | "accessTokenExpiresAt"
                    | "refreshTokenExpiresAt"
                    | "scope"
                    | "password"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "verification";
                where?: Array<{
                  field:
                    | "identifier"
                    | "value"
                    | "expiresAt"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "twoFactor";
                where?: Array<{
                  field:
                    | "secret"
                    | "backupCodes"
                    | "userId"
                    | "verified"
                    | "failedVerificationCount"
                    | "lockedUntil"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "passkey";
                where?: Array<{
                  field:
                    | "name"
                    | "publicKey"
                    | "userId"
                    | "credentialID"
                    | "counter"
                    | "deviceType"
                    | "backedUp"
                    | "transports"
                    | "createdAt"
                    | "aaguid"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "organization";
                where?: Array<{
                  field:
                    | "name"
                    | "slug"
                    | "logo"
                    | "createdAt"
                    | "metadata"
                    | "memberCount"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "member";
                where?: Array<{
                  field:
                    "organizationId" | "userId" | "role" | "createdAt" | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "invitation";
                where?: Array<{
                  field:
                    | "organizationId"
                    | "email"
                    | "role"
                    | "status"
                    | "expiresAt"
                    | "createdAt"
                    | "inviterId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "jwks";
                where?: Array<{
                  field:
                    | "publicKey"
                    | "privateKey"
                    | "createdAt"
                    | "expiresAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              };
          paginationOpts: {
            numItems: number;
            cursor: string | null;
            endCursor?: string | null;
            id?: number;
            maximumRowsRead?: number;
            maximumBytesRead?: number;
          };
          onDeleteHandle?: string;
        },
        any,
        Name
      >;
      deleteOne: FunctionReference<
        "mutation",
        "internal",
        {
          input:
            | {
                model: "user";
                where?: Array<{
                  field:
                    | "name"
                    | "email"
                    | "emailVerified"
                    | "image"
                    | "createdAt"
                    | "updatedAt"
                    | "twoFactorEnabled"
                    | "role"
                    | "banned"
                    | "banReason"
                    | "banExpires"
                    | "userId"
                    | "locale"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "session";
                where?: Array<{
                  field:
                    | "expiresAt"
                    | "token"
                    | "createdAt"
                    | "updatedAt"
                    | "ipAddress"
                    | "userAgent"
                    | "userId"
                    | "impersonatedBy"
                    | "activeOrganizationId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "account";
                where?: Array<{
                  field:
                    | "accountId"
                    | "providerId"
                    | "userId"
                    | "accessToken"
                    | "refreshToken"
                    | "idToken"
                    | "accessTokenExpiresAt"
                    | "refreshTokenExpiresAt"
                    | "scope"
                    | "password"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "verification";
                where?: Array<{
                  field:
                    | "identifier"
                    | "value"
                    | "expiresAt"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "twoFactor";
                where?: Array<{
                  field:
                    | "secret"
                    | "backupCodes"
                    | "userId"
                    | "verified"
                    | "failedVerificationCount"
                    | "lockedUntil"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "passkey";
                where?: Array<{
                  field:
                    | "name"
                    | "publicKey"
                    | "userId"
                    | "credentialID"
                    | "counter"
                    | "deviceType"
                    | "backedUp"
                    | "transports"
                    | "createdAt"
                    | "aaguid"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "organization";
                where?: Array<{
                  field:
                    | "name"
                    | "slug"
                    | "logo"
                    | "createdAt"
                    | "metadata"
                    | "memberCount"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "member";
                where?: Array<{
                  field:
                    "organizationId" | "userId" | "role" | "createdAt" | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "invitation";
                where?: Array<{
                  field:
                    | "organizationId"
                    | "email"
                    | "role"
                    | "status"
                    | "expiresAt"
                    | "createdAt"
                    | "inviterId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "jwks";
                where?: Array<{
                  field:
                    | "publicKey"
                    | "privateKey"
                    | "createdAt"
                    | "expiresAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              };
          onDeleteHandle?: string;
        },
        any,
        Name
      >;
      findMany: FunctionReference<
        "query",
        "internal",
        {
          model:
            | "user"
            | "session"
            | "account"
            | "verification"
            | "twoFactor"
            | "passkey"
            | "organization"
            | "member"
            | "invitation"
            | "jwks";
          where?: Array<{
            field: string;
            operator?:
              | "lt"
              | "lte"
              | "gt"
              | "gte"
              | "eq"
              | "in"
              | "not_in"
              | "ne"
              | "contains"
              | "starts_with"
              | "ends_with";
            value:
              string | number | boolean | Array<string> | Array<number> | null;
            connector?: "AND" | "OR";
            mode?: "sensitive" | "insensitive";
          }>;
          select?: Array<string>;
          limit?: number;
          sortBy?: { direction: "asc" | "desc"; field: string };
          offset?: number;
          join?: any;
          paginationOpts: {
            numItems: number;
            cursor: string | null;
            endCursor?: string | null;
            id?: number;
            maximumRowsRead?: number;
            maximumBytesRead?: number;
          };
        },
        any,
        Name
      >;
      findOne: FunctionReference<
        "query",
        "internal",
        {
          model:
            | "user"
            | "session"
            | "account"
            | "verification"
            | "twoFactor"
            | "passkey"
            | "organization"
            | "member"
            | "invitation"
            | "jwks";
          where?: Array<{
            field: string;
            operator?:
              | "lt"
              | "lte"
              | "gt"
              | "gte"
              | "eq"
              | "in"
              | "not_in"
              | "ne"
              | "contains"
              | "starts_with"
              | "ends_with";
            value:
              string | number | boolean | Array<string> | Array<number> | null;
            connector?: "AND" | "OR";
            mode?: "sensitive" | "insensitive";
          }>;
          select?: Array<string>;
          join?: any;
        },
        any,
        Name
      >;
      updateMany: FunctionReference<
        "mutation",
        "internal",
        {
          input:
            | {
                model: "user";
                update: {
                  name?: string;
                  email?: string;
                  emailVerified?: boolean;
                  image?: null | string;
                  createdAt?: number;
                  updatedAt?: number;
                  twoFactorEnabled?: null | boolean;
                  role?: null | string;
                  banned?: null | boolean;
                  banReason?: null | string;
                  banExpires?: null | number;
                  userId?: null | string;
                  locale?: null | string;
                };
                where?: Array<{
                  field:
                    | "name"
                    | "email"
                    | "emailVerified"
                    | "image"
                    | "createdAt"
                    | "updatedAt"
                    | "twoFactorEnabled"
                    | "role"
                    | "banned"
                    | "banReason"
                    | "banExpires"
                    | "userId"
                    | "locale"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "session";
                update: {
                  expiresAt?: number;
                  token?: string;
                  createdAt?: number;
                  updatedAt?: number;
                  ipAddress?: null | string;
                  userAgent?: null | string;
                  userId?: string;
                  impersonatedBy?: null | string;
                  activeOrganizationId?: null | string;
                };
                where?: Array<{
                  field:
                    | "expiresAt"
                    | "token"
                    | "createdAt"
                    | "updatedAt"
                    | "ipAddress"
                    | "userAgent"
                    | "userId"
                    | "impersonatedBy"
                    | "activeOrganizationId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "account";
                update: {
                  accountId?: string;
                  providerId?: string;
                  userId?: string;
                  accessToken?: null | string;
                  refreshToken?: null | string;
                  idToken?: null | string;
                  accessTokenExpiresAt?: null | number;
                  refreshTokenExpiresAt?: null | number;
                  scope?: null | string;
                  password?: null | string;
                  createdAt?: number;
                  updatedAt?: number;
                };
                where?: Array<{
                  field:
                    | "accountId"
                    | "providerId"
                    | "userId"
                    | "accessToken"
                    | "refreshToken"
                    | "idToken"
                    | "accessTokenExpiresAt"
                    | "refreshTokenExpiresAt"
                    | "scope"
                    | "password"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "verification";
                update: {
                  identifier?: string;
                  value?: string;
                  expiresAt?: number;
                  createdAt?: number;
                  updatedAt?: number;
                };
                where?: Array<{
                  field:
                    | "identifier"
                    | "value"
                    | "expiresAt"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "twoFactor";
                update: {
                  secret?: string;
                  backupCodes?: string;
                  userId?: string;
                  verified?: null | boolean;
                  failedVerificationCount?: null | number;
                  lockedUntil?: null | number;
                };
                where?: Array<{
                  field:
                    | "secret"
                    | "backupCodes"
                    | "userId"
                    | "verified"
                    | "failedVerificationCount"
                    | "lockedUntil"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "passkey";
                update: {
                  name?: null | string;
                  publicKey?: string;
                  userId?: string;
                  credentialID?: string;
                  counter?: number;
                  deviceType?: string;
                  backedUp?: boolean;
                  transports?: null | string;
                  createdAt?: null | number;
                  aaguid?: null | string;
                };
                where?: Array<{
                  field:
                    | "name"
                    | "publicKey"
                    | "userId"
                    | "credentialID"
                    | "counter"
                    | "deviceType"
                    | "backedUp"
                    | "transports"
                    | "createdAt"
                    | "aaguid"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "organization";
                update: {
                  name?: string;
                  slug?: string;
                  logo?: null | string;
                  createdAt?: number;
                  metadata?: null | string;
                  memberCount?: number;
                };
                where?: Array<{
                  field:
                    | "name"
                    | "slug"
                    | "logo"
                    | "createdAt"
                    | "metadata"
                    | "memberCount"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "member";
                update: {
                  organizationId?: string;
                  userId?: string;
                  role?: string;
                  createdAt?: number;
                };
                where?: Array<{
                  field:
                    "organizationId" | "userId" | "role" | "createdAt" | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "invitation";
                update: {
                  organizationId?: string;
                  email?: string;
                  role?: null | string;
                  status?: string;
                  expiresAt?: number;
                  createdAt?: number;
                  inviterId?: string;
                };
                where?: Array<{
                  field:
                    | "organizationId"
                    | "email"
                    | "role"
                    | "status"
                    | "expiresAt"
                    | "createdAt"
                    | "inviterId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "jwks";
                update: {
                  publicKey?: string;
                  privateKey?: string;
                  createdAt?: number;
                  expiresAt?: null | number;
                };
                where?: Array<{
                  field:
                    | "publicKey"
                    | "privateKey"
                    | "createdAt"
                    | "expiresAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              };
          paginationOpts: {
            numItems: number;
            cursor: string | null;
            endCursor?: string | null;
            id?: number;
            maximumRowsRead?: number;
            maximumBytesRead?: number;
          };
          onUpdateHandle?: string;
        },
        any,
        Name
      >;
      updateOne: FunctionReference<
        "mutation",
        "internal",
        {
          input:
            | {
                model: "user";
                update: {
                  name?: string;
                  email?: string;
                  emailVerified?: boolean;
                  image?: null | string;
                  createdAt?: number;
                  updatedAt?: number;
                  twoFactorEnabled?: null | boolean;
                  role?: null | string;
                  banned?: null | boolean;
                  banReason?: null | string;
                  banExpires?: null | number;
                  userId?: null | string;
                  locale?: null | string;
                };
                where?: Array<{
                  field:
                    | "name"
                    | "email"
                    | "emailVerified"
                    | "image"
                    | "createdAt"
                    | "updatedAt"
                    | "twoFactorEnabled"
                    | "role"
                    | "banned"
                    | "banReason"
                    | "banExpires"
                    | "userId"
                    | "locale"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "session";
                update: {
                  expiresAt?: number;
                  token?: string;
                  createdAt?: number;
                  updatedAt?: number;
                  ipAddress?: null | string;
                  userAgent?: null | string;
                  userId?: string;
                  impersonatedBy?: null | string;
                  activeOrganizationId?: null | string;
                };
                where?: Array<{
                  field:
                    | "expiresAt"
                    | "token"
                    | "createdAt"
                    | "updatedAt"
                    | "ipAddress"
                    | "userAgent"
                    | "userId"
                    | "impersonatedBy"
                    | "activeOrganizationId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "account";
                update: {
                  accountId?: string;
                  providerId?: string;
                  userId?: string;
                  accessToken?: null | string;
                  refreshToken?: null | string;
                  idToken?: null | string;
                  accessTokenExpiresAt?: null | number;
                  refreshTokenExpiresAt?: null | number;
                  scope?: null | string;
                  password?: null | string;
                  createdAt?: number;
                  updatedAt?: number;
                };
                where?: Array<{
                  field:
                    | "accountId"
                    | "providerId"
                    | "userId"
                    | "accessToken"
                    | "refreshToken"
                    | "idToken"
                    | "accessTokenExpiresAt"
                    | "refreshTokenExpiresAt"
                    | "scope"
                    | "password"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "verification";
                update: {
                  identifier?: string;
                  value?: string;
                  expiresAt?: number;
                  createdAt?: number;
                  updatedAt?: number;
                };
                where?: Array<{
                  field:
                    | "identifier"
                    | "value"
                    | "expiresAt"
                    | "createdAt"
                    | "updatedAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "twoFactor";
                update: {
                  secret?: string;
                  backupCodes?: string;
                  userId?: string;
                  verified?: null | boolean;
                  failedVerificationCount?: null | number;
                  lockedUntil?: null | number;
                };
                where?: Array<{
                  field:
                    | "secret"
                    | "backupCodes"
                    | "userId"
                    | "verified"
                    | "failedVerificationCount"
                    | "lockedUntil"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "passkey";
                update: {
                  name?: null | string;
                  publicKey?: string;
                  userId?: string;
                  credentialID?: string;
                  counter?: number;
                  deviceType?: string;
                  backedUp?: boolean;
                  transports?: null | string;
                  createdAt?: null | number;
                  aaguid?: null | string;
                };
                where?: Array<{
                  field:
                    | "name"
                    | "publicKey"
                    | "userId"
                    | "credentialID"
                    | "counter"
                    | "deviceType"
                    | "backedUp"
                    | "transports"
                    | "createdAt"
                    | "aaguid"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "organization";
                update: {
                  name?: string;
                  slug?: string;
                  logo?: null | string;
                  createdAt?: number;
                  metadata?: null | string;
                  memberCount?: number;
                };
                where?: Array<{
                  field:
                    | "name"
                    | "slug"
                    | "logo"
                    | "createdAt"
                    | "metadata"
                    | "memberCount"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "member";
                update: {
                  organizationId?: string;
                  userId?: string;
                  role?: string;
                  createdAt?: number;
                };
                where?: Array<{
                  field:
                    "organizationId" | "userId" | "role" | "createdAt" | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "invitation";
                update: {
                  organizationId?: string;
                  email?: string;
                  role?: null | string;
                  status?: string;
                  expiresAt?: number;
                  createdAt?: number;
                  inviterId?: string;
                };
                where?: Array<{
                  field:
                    | "organizationId"
                    | "email"
                    | "role"
                    | "status"
                    | "expiresAt"
                    | "createdAt"
                    | "inviterId"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              }
            | {
                model: "jwks";
                update: {
                  publicKey?: string;
                  privateKey?: string;
                  createdAt?: number;
                  expiresAt?: null | number;
                };
                where?: Array<{
                  field:
                    | "publicKey"
                    | "privateKey"
                    | "createdAt"
                    | "expiresAt"
                    | "_id";
                  operator?:
                    | "lt"
                    | "lte"
                    | "gt"
                    | "gte"
                    | "eq"
                    | "in"
                    | "not_in"
                    | "ne"
                    | "contains"
                    | "starts_with"
                    | "ends_with";
                  value:
                    | string
                    | number
                    | boolean
                    | Array<string>
                    | Array<number>
                    | null;
                  connector?: "AND" | "OR";
                  mode?: "sensitive" | "insensitive";
                }>;
              };
          onUpdateHandle?: string;
        },
        any,
        Name
      >;
    };
  };
