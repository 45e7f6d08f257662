/**
 * Moving one app `users` row of a dual-database app onto this starter, in
 * the caller's transaction: find its auth user (by the stored auth id, else
 * by *verified* email), check that nothing else claims that user or email,
 * then rewrite the row from the auth user (keeping its `_id`, which the old
 * app's tables reference) and move `isAdmin` into the auth user's role.
 * Every check comes before the first write, so a row moves whole or not at
 * all, and a refused row is reported, never guessed at.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import {
  findAuthUser,
  findAuthUserByEmail,
  roleOf,
  setAuthRole,
  type AuthUser,
} from "../authData";
import { mirroredFields } from "../userSync";
import { readStoredRow, storedEmail } from "./dualDatabaseRows";
import { carriedFields } from "./movedRows";
import { legacyLinkIndex } from "./dualDatabaseSchema";
import {
  fixCommand,
  type Problem,
  type ProblemKind,
} from "./dualDatabaseProblems";

export type LinkOptions = {
  /** The old row's field holding the Better Auth user id. */
  linkField: string;
  dryRun: boolean;
  /** An operator's `linkAppRow`: this auth user, checked only for duplicates. */
  confirmedAuthId?: string;
};

export type LinkOutcome =
  | { kind: "moved" }
  | {
      kind: "linked";
      via: "id" | "email" | "operator";
      authId: string;
      /** Email or name differed from the auth user's (a stale row). */
      refreshed: boolean;
      /** `isAdmin: true` became the auth user's admin role. */
      adminMoved: boolean;
    }
  | { kind: "problem"; problem: Problem };

type Match =
  | { authUser: AuthUser; via: "id" | "email" | "operator" }
  | { problem: Problem };

function problem(
  kind: ProblemKind,
  row: Doc<"users">,
  fields: Pick<Problem, "detail" | "fix"> &
    Partial<Pick<Problem, "authId" | "userIds">>,
): { problem: Problem } {
  return {
    problem: {
      kind,
      userIds: fields.userIds ?? [row._id],
      authId: fields.authId ?? null,
      email: storedEmail(row),
      detail: fields.detail,
      fix: fields.fix,
    },
  };
}

/** The auth user with this id; null also for a string that is no id of the component's. */
async function authUserById(
  ctx: MutationCtx,
  authId: string,
): Promise<AuthUser | null | "invalid"> {
  try {
    return await findAuthUser(ctx, authId);
  } catch {
    return "invalid";
  }
}

async function matchAuthUser(
  ctx: MutationCtx,
  row: Doc<"users">,
  stored: { email: string; linkId: string | null },
  options: LinkOptions,
): Promise<Match> {
  const remove = fixCommand.remove(row._id);
  const id = options.confirmedAuthId ?? stored.linkId;
  if (id !== null) {
    const found = await authUserById(ctx, id);
    if (found !== null && found !== "invalid") {
      return {
        authUser: found,
        via: options.confirmedAuthId ? "operator" : "id",
      };
    }
    if (found === "invalid") {
      return problem("malformed", row, {
        authId: id,
        detail: `Its ${options.linkField} "${id}" is not a Better Auth user id.`,
        fix: `Correct ${options.linkField} in the dashboard and run again, link it yourself (${fixCommand.link(row._id, "<auth user id>")}) or remove it (${remove}).`,
      });
    }
    return problem("authUserGone", row, {
      authId: id,
      detail: `No auth user has its ${options.linkField} "${id}": deleted while the old sync kept the row (or never an id).`,
      fix: `Remove the row and the data it owns (${remove}), or link it to the person's current auth user (${fixCommand.link(row._id, "<auth user id>")}).`,
    });
  }
  const byEmail = await findAuthUserByEmail(ctx, stored.email);
  if (!byEmail) {
    return problem("noAuthUser", row, {
      detail: `No ${options.linkField} is stored and no auth user has the email ${stored.email}.`,
      fix: `Remove the row (${remove}), or link it to the right auth user (${fixCommand.link(row._id, "<auth user id>")}).`,
    });
  }
  if (!byEmail.emailVerified) {
    // Anyone can sign up with someone else's address; until it is verified
    // the account proves nothing about who owns this row's data.
    return problem("unverifiedOnly", row, {
      authId: byEmail._id,
      detail: `The only auth user with the email ${stored.email} (${byEmail._id}) has not verified it, so it does not prove it owns this row.`,
      fix: `Run again once that user has verified the address, or, if you know it is theirs, ${fixCommand.link(row._id, byEmail._id)}.`,
    });
  }
  return { authUser: byEmail, via: "email" };
}

/** `withIndex` on an index the starter's types don't know (the transitional ones). */
type UntypedIndexQuery = {
  withIndex(
    name: string,
    range: (q: { eq(field: string, value: string): unknown }) => unknown,
  ): { take(n: number): Promise<Doc<"users">[]> };
};

/**
 * Every app row claiming this auth user: holding its id (the starter's
 * `authId`, or the old link field through its transitional index) or one of
 * these emails. At most ten of each kind, plenty to report a conflict.
 */
export async function claimingRows(
  ctx: MutationCtx,
  authId: string,
  emails: string[],
  linkField: string,
): Promise<Doc<"users">[]> {
  const found = new Map<Id<"users">, Doc<"users">>();
  const add = (rows: Doc<"users">[]) =>
    rows.forEach((row) => found.set(row._id, row));
  add(
    await ctx.db
      .query("users")
      .withIndex("by_authId", (q) => q.eq("authId", authId))
      .take(10),
  );
  if (linkField !== "authId") {
    const query = ctx.db.query("users") as unknown as UntypedIndexQuery;
    add(
      await query
        .withIndex(legacyLinkIndex(linkField), (q) => q.eq(linkField, authId))
        .take(10),
    );
  }
  for (const email of new Set(emails)) {
    add(
      await ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", email))
        .take(10),
    );
  }
  return [...found.values()];
}

/**
 * Moves `row` (see the module comment); with `dryRun`, decides the same and
 * writes nothing.
 */
export async function linkRow(
  ctx: MutationCtx,
  row: Doc<"users">,
  options: LinkOptions,
): Promise<LinkOutcome> {
  const stored = readStoredRow(row, options.linkField);
  if (stored.kind === "moved") return { kind: "moved" };
  if (stored.kind === "malformed") {
    return {
      kind: "problem",
      ...problem("malformed", row, {
        detail: `The row can't be read: ${stored.problem}`,
        fix: `Correct it in the dashboard and run again, or remove it (${fixCommand.remove(row._id)}).`,
      }),
    };
  }
  const match = await matchAuthUser(ctx, row, stored, options);
  if ("problem" in match) return { kind: "problem", problem: match.problem };
  const { authUser, via } = match;
  const fields = mirroredFields(authUser);

  // The auth user's email, and when matched by it, the row's own spelling
  // (old rows were not always stored lower case). A stale email of a row
  // linked by id is checked below instead: the row will not keep it.
  const emails = [fields.email];
  if (via === "email") emails.push(storedEmail(row) ?? stored.email);
  const others = (
    await claimingRows(ctx, authUser._id, emails, options.linkField)
  )
    .filter((other) => other._id !== row._id)
    .map((other) => other._id);
  if (others.length > 0) {
    return {
      kind: "problem",
      ...problem("duplicate", row, {
        userIds: [row._id, ...others],
        authId: authUser._id,
        detail: `Several app rows claim auth user ${authUser._id} (${fields.email}): ${[row._id, ...others].join(", ")}.`,
        fix: `Keep one: move what the others own to it, remove them (${fixCommand.remove("<row id>")}), then run again or ${fixCommand.link("<kept row id>", authUser._id)}.`,
      }),
    };
  }
  if (via === "id" && stored.email !== fields.email) {
    const holder = await findAuthUserByEmail(ctx, stored.email);
    if (holder && holder._id !== authUser._id) {
      return {
        kind: "problem",
        ...problem("emailHeldByOther", row, {
          authId: authUser._id,
          detail: `The row is linked to auth user ${authUser._id} (${fields.email}), but its email ${stored.email} belongs to auth user ${holder._id}.`,
          fix: `If the row is ${fields.email}'s: ${fixCommand.link(row._id, authUser._id)}. If it is ${stored.email}'s: ${fixCommand.link(row._id, holder._id)}.`,
        }),
      };
    }
  }

  const refreshed =
    storedEmail(row) !== fields.email ||
    (row as { name?: unknown }).name !== fields.name;
  const adminMoved = stored.isAdmin && roleOf(authUser.role) !== "admin";
  if (!options.dryRun) {
    const written = {
      authId: authUser._id,
      ...fields,
      createdAt: authUser.createdAt,
      updatedAt: Date.now(),
    };
    await ctx.db.replace("users", row._id, {
      ...carriedFields(row, written),
      ...written,
    });
    // The role's one source; the onUpdate trigger mirrors it into the row
    // just written, in this transaction.
    if (adminMoved) await setAuthRole(ctx, authUser._id, "admin");
  }
  return { kind: "linked", via, authId: authUser._id, refreshed, adminMoved };
}
