import { lazy, Suspense } from "react";
import { useAdminView } from "@/lib/impersonation";

// Loaded only while an admin views the app as a user: rare, so not in the
// first bundle.
const ViewBanner = lazy(() => import("@/components/ViewBanner"));

/** Shown on every page while an admin views the app as a user. */
export function ImpersonationBanner() {
  const view = useAdminView();
  if (!view) return null;
  return (
    <Suspense fallback={null}>
      <ViewBanner view={view} />
    </Suspense>
  );
}
