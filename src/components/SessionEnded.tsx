import { Page } from "@/components/Page";

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
        Your session has ended. Signing you out…
      </p>
    </Page>
  );
}
