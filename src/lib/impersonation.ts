/**
 * An admin viewing the app as a user, through Better Auth's admin plugin
 * routes (convex/adminPlugin.ts). Plain calls on the app's auth client rather
 * than the plugin's client, whose role-checking code the SPA doesn't need:
 * the cross-domain plugin stores the swapped session and signals it, and the
 * app's Convex auth follows (src/lib/convexAuth.tsx).
 */
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import type { AuthClient } from "@/lib/auth-client";
import { trackSessionChange } from "@/lib/sessionChange";

type Failure = { code?: string; message?: string; status?: number } | null;
export type ViewResult = { error: Failure };

/** Both calls swap the session stored in this browser (src/lib/sessionChange.ts). */
function swapSession(call: Promise<unknown>): Promise<ViewResult> {
  return trackSessionChange(call) as Promise<ViewResult>;
}

/** Whose view this is while an admin views the app as a user, else null. */
export function useAdminView() {
  const { isAuthenticated } = useConvexAuth();
  return useQuery(api.impersonation.current, isAuthenticated ? {} : "skip");
}

/** Starts viewing as the user with this Better Auth id. */
export function startViewingAs(
  authClient: AuthClient,
  authId: string,
): Promise<ViewResult> {
  return swapSession(
    authClient.$fetch("/admin/impersonate-user", {
      method: "POST",
      body: { userId: authId },
    }),
  );
}

/** Back to the admin's own session. */
export function stopViewing(authClient: AuthClient): Promise<ViewResult> {
  return swapSession(
    authClient.$fetch("/admin/stop-impersonating", {
      method: "POST",
      body: {},
    }),
  );
}
