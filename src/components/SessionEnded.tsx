import { useEffect } from "react";
import { loadAuthClient } from "../lib/lazyAuthClient";
import { Page } from "./Page";

/**
 * Convex accepted the JWT but the session behind it is gone (signed out in
 * another tab, revoked, or the account disabled). Finish signing out here too.
 */
export function SessionEnded() {
  useEffect(() => {
    void loadAuthClient().then((authClient) => authClient.signOut());
  }, []);
  return (
    <Page>
      <p role="status" className="text-sm text-muted-foreground">
        Your session has ended. Signing you out…
      </p>
    </Page>
  );
}
