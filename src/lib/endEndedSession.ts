import type { ConvexReactClient } from "convex/react";
import { api } from "../../convex/_generated/api";
import type { SessionEndReason } from "../../convex/sessionEnd";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { sessionChangesSettled } from "@/lib/sessionChangesSettled";
import { announceEnd, announcedEnd } from "@/lib/sessionEnd";

/**
 * `me` turned null for `session`, the session Convex answered for (not the
 * stored one: turning on two-factor or changing the password swaps the
 * stored session, and the old one's `me` turns null before Convex has the
 * new one). Asks the server why, tells the other tabs, and signs out here
 * too; the route guard then goes to sign-in, which shows why.
 */
export async function endEndedSession(
  convex: ConvexReactClient,
  session: string | null,
  storedSession: () => string | null,
): Promise<void> {
  if (!session) return;
  // A session swapped for another (an admin's "Stop viewing", two-factor
  // turned on) or signed out on purpose looks ended until that request's
  // response is stored: every auth request under way, in any tab, counts.
  await sessionChangesSettled();
  const handled = () =>
    storedSession() !== session || announcedEnd(session) !== null;
  if (handled()) return;
  let reason: SessionEndReason | null | undefined;
  try {
    reason = await convex.query(api.sessionEnd.reason, {});
  } catch {
    reason = undefined; // Unknown: Better Auth decides below.
  }
  if (reason === null || handled()) return;
  const authClient = await loadAuthClient();
  if (reason) announceEnd(session, reason);
  else {
    // The server didn't say: signed out only if Better Auth agrees (a
    // check cut short decides nothing).
    const { data, error } = await authClient.getSession();
    if (data || error) return;
  }
  await sessionChangesSettled();
  if (storedSession() !== session) return;
  await authClient.signOut();
}
