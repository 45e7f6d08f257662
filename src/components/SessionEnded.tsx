import { Page } from "@/components/Page";
import { m } from "@/paraglide/messages";

/**
 * Convex accepted the JWT but the session behind it is gone (signed out in
 * another tab, revoked, or the account disabled). src/lib/convexAuth.tsx
 * signs out on every signed-in page and the router goes to sign-in, which
 * says why; this covers the moment in between.
 */
export function SessionEnded() {
  return (
    <Page>
      <p role="status" className="text-sm text-muted-foreground">
        {m.app_session_ended()}
      </p>
    </Page>
  );
}
