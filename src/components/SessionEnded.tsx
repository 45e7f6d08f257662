import { useEffect } from "react";
import { useAuthClient } from "../lib/authClientContext";

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
    <p role="status" className="muted">
      Your session has ended. Signing you out…
    </p>
  );
}
