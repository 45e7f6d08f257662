import { useEffect } from "react";
import { useAuthClient } from "../lib/authClientContext";
import { Page } from "./Page";

/**
 * Convex accepted the JWT but the session behind it is gone (signed out in
 * another tab, revoked, or the account disabled). Finish signing out here too.
 */
export function SessionEnded() {
  const authClient = useAuthClient();
  useEffect(() => {
    void authClient.signOut();
  }, [authClient]);
  return (
    <Page>
      <p role="status" className="text-sm text-muted-foreground">
        Your session has ended. Signing you out…
      </p>
    </Page>
  );
}
