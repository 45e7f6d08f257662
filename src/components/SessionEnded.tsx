import { useEffect } from "react";
import { sessionChangesSettled } from "@/lib/sessionChange";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { Page } from "@/components/Page";

/**
 * Convex accepted the JWT but the session behind it is gone (signed out in
 * another tab, revoked, or the account disabled). Finish signing out here too.
 */
export function SessionEnded() {
  useEffect(() => {
    // A session swapped for another (an admin's "Stop viewing") looks ended
    // here until Convex has the new one: sign out only if Better Auth agrees,
    // asked once the new session is stored. (A check cut short, say by a
    // newer one, decides nothing.)
    void sessionChangesSettled().then(async () => {
      const authClient = await loadAuthClient();
      const { data, error } = await authClient.getSession();
      if (!data && !error) void authClient.signOut();
    });
  }, []);
  return (
    <Page>
      <p role="status" className="text-sm text-muted-foreground">
        Your session has ended. Signing you out…
      </p>
    </Page>
  );
}
