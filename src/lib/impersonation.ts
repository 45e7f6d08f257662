/**
 * An admin viewing the app as a user, through Better Auth's admin plugin
 * routes (convex/adminPlugin.ts). Plain calls on the app's auth client rather
 * than the plugin's client, whose role-checking code the SPA doesn't need:
 * the cross-domain plugin stores the swapped session and signals it, and the
 * app's Convex auth follows (src/lib/convexAuth.tsx).
 */
import type { AuthClient } from "./auth-client";

type Failure = { code?: string; message?: string; status?: number } | null;
export type ViewResult = { error: Failure };

/** Starts viewing as the user with this Better Auth id. */
export async function startViewingAs(
  authClient: AuthClient,
  authId: string,
): Promise<ViewResult> {
  return (await authClient.$fetch("/admin/impersonate-user", {
    method: "POST",
    body: { userId: authId },
  })) as ViewResult;
}

/** Back to the admin's own session. */
export async function stopViewing(authClient: AuthClient): Promise<ViewResult> {
  return (await authClient.$fetch("/admin/stop-impersonating", {
    method: "POST",
    body: {},
  })) as ViewResult;
}
