/**
 * Trigger callbacks on the Better Auth component's `user` table (wired up in
 * convex/auth.ts). Each runs inside the transaction that writes the auth user,
 * so the auth user and the app `users` row commit together or not at all.
 */
import { removeUserFromOrganizations } from "./organizations";
import { appError } from "./errors";
import type { MutationCtx } from "./_generated/server";
import { roleOf, type AuthUser } from "./authData";
import {
  deleteAppRowAndData,
  deleteOwnedAuthRows,
  OWNED_AUTH_MODELS,
} from "./userData";
import { normalizeEmail } from "./validation";
import { appUserByAuthId } from "./model/users";

/**
 * Emails are unique across app rows (case-insensitively): throws EMAIL_TAKEN
 * when another auth user's row holds it. Writes nothing.
 */
export async function assertEmailFree(
  ctx: MutationCtx,
  email: string,
  authId: string,
): Promise<void> {
  const holder = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .first();
  if (holder && holder.authId !== authId) {
    throw appError("EMAIL_TAKEN");
  }
}

/** The fields of the app row copied from the auth user, the role included. */
export function mirroredFields(authUser: AuthUser) {
  return {
    email: normalizeEmail(authUser.email),
    name: authUser.name,
    emailVerified: authUser.emailVerified,
    image: authUser.image ?? null,
    role: roleOf(authUser.role),
    locale: authUser.locale ?? undefined,
  };
}

/**
 * onCreate: writes the app row. Throwing here aborts the whole sign-up, so no
 * auth user is ever left without its app row.
 */
export async function insertAppUser(
  ctx: MutationCtx,
  authUser: AuthUser,
): Promise<void> {
  const fields = mirroredFields(authUser);
  await assertEmailFree(ctx, fields.email, authUser._id);
  if (await appUserByAuthId(ctx, authUser._id)) {
    throw appError("DUPLICATE_USER");
  }
  await ctx.db.insert("users", {
    authId: authUser._id,
    ...fields,
    createdAt: authUser.createdAt,
    updatedAt: Date.now(),
  });
}

/**
 * onUpdate: mirrors the fields the app keeps, the role included; recreates
 * a missing row.
 */
export async function mirrorAuthUser(
  ctx: MutationCtx,
  authUser: AuthUser,
): Promise<void> {
  const row = await appUserByAuthId(ctx, authUser._id);
  if (!row) {
    await insertAppUser(ctx, authUser);
    return;
  }
  const mirrored = mirroredFields(authUser);
  if (mirrored.email !== row.email) {
    await assertEmailFree(ctx, mirrored.email, authUser._id);
  }
  const changed = (Object.keys(mirrored) as (keyof typeof mirrored)[]).some(
    (key) => row[key] !== mirrored[key],
  );
  if (changed) {
    await ctx.db.patch("users", row._id, {
      ...mirrored,
      updatedAt: Date.now(),
    });
  }
}

/**
 * onDelete: removes the app row at once and schedules the removal of what the
 * user owned (notes, and the auth rows Better Auth itself leaves behind, such
 * as two-factor secrets and passkeys) in batches, so deleting a big account never outgrows
 * one transaction (convex/userData.ts).
 */
export async function deleteAppUser(
  ctx: MutationCtx,
  authUser: AuthUser,
): Promise<void> {
  // First: it refuses (and so undoes the deletion) while the user is the
  // only owner of an organization with other members.
  await removeUserFromOrganizations(ctx, authUser._id);
  for (const model of OWNED_AUTH_MODELS) {
    await deleteOwnedAuthRows(ctx, model, authUser._id);
  }
  const row = await appUserByAuthId(ctx, authUser._id);
  if (row) await deleteAppRowAndData(ctx, row);
}
