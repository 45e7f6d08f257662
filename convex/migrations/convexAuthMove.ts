/**
 * Moving one user of a Convex Auth app onto this starter, in the caller's
 * transaction: a Better Auth user and its accounts are created, and the
 * app's `users` row (the same document: every reference to its `_id` stays
 * valid) is rewritten in the starter's shape, linked to that auth user.
 * Every check comes before the first write, so a user moves whole or not
 * at all, and one that can't is reported, never guessed at.
 *
 * The auth user is inserted without the onCreate trigger, which would write
 * a second row: this function writes the row the trigger would (from
 * mirroredFields, as convex/userSync.ts does) onto the existing document.
 * From then on the triggers keep the two in step as for any user.
 */
import {
  type DataModelFromSchemaDefinition,
  type GenericDatabaseReader,
  type GenericDatabaseWriter,
} from "convex/server";
import { components } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { findAuthUserByEmail, type AuthUser } from "../authData";
import { markPasswordResetDue } from "../passwordResetsDue";
import { mirroredFields } from "../userSync";
import {
  CONVEX_AUTH_PROVIDERS,
  carriedPassword,
  type PasswordHashing,
  type PasswordOutcome,
} from "./convexAuthAccounts";
import {
  convexAuthFix,
  type ConvexAuthProblem,
  type ConvexAuthProblemKind,
} from "./convexAuthProblems";
import { readConvexAuthRow } from "./convexAuthRows";
import type { convexAuthSchema } from "./convexAuthSchema";
import { carriedFields } from "./movedRows";

type ConvexAuthDataModel = DataModelFromSchemaDefinition<
  typeof convexAuthSchema
>;

/**
 * Convex Auth's tables, typed from the transitional schema whether or not
 * convex/schema.ts names them now (this module is part of the app either
 * way; it runs only while they are there, step 1 of the docs page).
 */
export function convexAuthDb(
  ctx: MutationCtx,
): GenericDatabaseWriter<ConvexAuthDataModel>;
export function convexAuthDb(
  ctx: QueryCtx,
): GenericDatabaseReader<ConvexAuthDataModel>;
export function convexAuthDb(ctx: QueryCtx) {
  return ctx.db as unknown as GenericDatabaseReader<ConvexAuthDataModel>;
}

/** A user's sign-in methods; more than this many is no person's account. */
const MAX_ACCOUNTS = 20;

export type MoveOptions = {
  dryRun: boolean;
  passwordHashing: PasswordHashing;
  /** Emails several unmoved rows share, found by the run's first pass. */
  duplicates: { email: string; userIds: Doc<"users">["_id"][] }[];
};

export type MoveOutcome =
  | { kind: "moved" }
  | {
      kind: "moving";
      authId: string | null; // null in a dry run
      emailVerified: boolean;
      nameFromEmail: boolean;
      password: PasswordOutcome | null;
      oauthAccounts: number;
    }
  | { kind: "problem"; problem: ConvexAuthProblem };

function problem(
  kind: ConvexAuthProblemKind,
  row: Doc<"users">,
  email: string | null,
  fields: Pick<ConvexAuthProblem, "detail" | "fix"> &
    Partial<Pick<ConvexAuthProblem, "userIds">>,
): MoveOutcome {
  return {
    kind: "problem",
    problem: { kind, userIds: fields.userIds ?? [row._id], email, ...fields },
  };
}

async function betterAuthAccountExists(
  ctx: MutationCtx,
  providerId: string,
  accountId: string,
): Promise<boolean> {
  const found = await ctx.runQuery(components.betterAuth.adapter.findOne, {
    model: "account",
    where: [
      { field: "accountId", value: accountId },
      { field: "providerId", value: providerId, connector: "AND" },
    ],
    select: ["_id"],
  });
  return found !== null;
}

/** Moves `row` (see the module comment); with `dryRun`, decides the same and writes nothing. */
export async function moveConvexAuthUser(
  ctx: MutationCtx,
  row: Doc<"users">,
  options: MoveOptions,
): Promise<MoveOutcome> {
  const read = readConvexAuthRow(row);
  if (read.kind === "moved") return { kind: "moved" };
  const remove = convexAuthFix.remove(row._id);
  if (read.kind === "anonymous") {
    return problem("anonymous", row, null, {
      detail: "An anonymous user: there is no address to sign in with again.",
      fix: `Remove it with what it owns (${remove}), or give it an email in the dashboard and run again.`,
    });
  }
  if (read.kind === "malformed") {
    return problem("malformed", row, null, {
      detail: `The row can't be moved: ${read.problem}.`,
      fix: `Correct it in the dashboard and run again, or remove it (${remove}).`,
    });
  }
  const { email } = read;
  const twins = options.duplicates.find((group) => group.email === email);
  if (twins) {
    const userIds = [row._id, ...twins.userIds.filter((id) => id !== row._id)];
    return problem("duplicate", row, email, {
      userIds,
      detail: `Several users have the email ${email} (differing only in case or spaces): ${userIds.join(", ")}.`,
      fix: `Keep one: move what the others own to it, remove them (${convexAuthFix.remove("<user id>")}), then run again.`,
    });
  }

  const db = convexAuthDb(ctx);
  const accounts = await db
    .query("authAccounts")
    .withIndex("userIdAndProvider", (q) => q.eq("userId", row._id))
    .take(MAX_ACCOUNTS);
  if (accounts.length === 0) {
    return problem("noSignInMethod", row, email, {
      detail: `${email} has no authAccounts row: no way to sign in.`,
      fix: `Remove it (${remove}), or run again once it has one.`,
    });
  }
  const unknown = accounts.filter(
    (account) => !(account.provider in CONVEX_AUTH_PROVIDERS),
  );
  if (unknown.length > 0) {
    const names = [...new Set(unknown.map((account) => account.provider))];
    return problem("unknownProvider", row, email, {
      detail: `${email} signs in with ${names.join(", ")}, which CONVEX_AUTH_PROVIDERS doesn't list.`,
      fix: `Add ${names.map((name) => `"${name}"`).join(", ")} to CONVEX_AUTH_PROVIDERS in convex/migrations/convexAuthAccounts.ts (and the provider to convex/auth.ts), push, and run again.`,
    });
  }

  const holder = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .first();
  const authHolder = await findAuthUserByEmail(ctx, email);
  if ((holder && holder._id !== row._id) || authHolder) {
    const userIds =
      holder && holder._id !== row._id ? [row._id, holder._id] : [row._id];
    return problem("emailTaken", row, email, {
      userIds,
      detail: `${email} is taken on Better Auth already${authHolder ? ` (auth user ${authHolder._id})` : ""}: someone signed up on the new app before this user moved.`,
      fix: `If it is the same person, delete the new account in the admin console and run again; if not, remove this row (${remove}).`,
    });
  }

  let password: PasswordOutcome | null = null;
  const oauth: { providerId: string; accountId: string }[] = [];
  for (const account of accounts) {
    const plan = CONVEX_AUTH_PROVIDERS[account.provider]!;
    if (plan.kind === "password") {
      password = carriedPassword(account.secret, options.passwordHashing);
    } else if (plan.kind === "oauth") {
      const ids = {
        providerId: plan.providerId,
        accountId: account.providerAccountId,
      };
      if (await betterAuthAccountExists(ctx, ids.providerId, ids.accountId)) {
        return problem("accountTaken", row, email, {
          detail: `A Better Auth ${ids.providerId} account ${ids.accountId} exists already: this person signed in on the new app before moving.`,
          fix: `Delete that new user in the admin console and run again.`,
        });
      }
      oauth.push(ids);
    }
  }

  const outcome: MoveOutcome = {
    kind: "moving",
    authId: null,
    emailVerified: read.emailVerified,
    nameFromEmail: read.nameFromEmail,
    password,
    oauthAccounts: oauth.length,
  };
  if (options.dryRun) return outcome;

  const now = Date.now();
  const createdAt = Math.floor(row._creationTime);
  const authUser = (await ctx.runMutation(
    components.betterAuth.adapter.create,
    {
      input: {
        model: "user",
        data: {
          email,
          name: read.name,
          emailVerified: read.emailVerified,
          image: read.image,
          role: "user",
          createdAt,
          updatedAt: now,
        },
      },
    },
  )) as AuthUser;
  const written = {
    authId: authUser._id,
    ...mirroredFields(authUser),
    createdAt,
    updatedAt: now,
  };
  await ctx.db.replace("users", row._id, {
    ...carriedFields(row, written),
    ...written,
  });
  const account = { userId: authUser._id, createdAt: now, updatedAt: now };
  if (password?.kind === "carried") {
    await ctx.runMutation(components.betterAuth.adapter.create, {
      input: {
        model: "account",
        data: {
          ...account,
          providerId: "credential",
          accountId: authUser._id,
          password: password.hash,
        },
      },
    });
  }
  if (password?.kind === "reset") {
    await markPasswordResetDue(ctx, row._id, email);
  }
  for (const ids of oauth) {
    await ctx.runMutation(components.betterAuth.adapter.create, {
      input: { model: "account", data: { ...account, ...ids } },
    });
  }
  return { ...outcome, authId: authUser._id };
}
