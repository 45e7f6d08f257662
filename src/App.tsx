import { RouterProvider } from "@tanstack/react-router";
import { useConvexAuth } from "convex/react";
import { useEffect, useMemo, useRef } from "react";
import { router } from "./router";

/**
 * The router with Convex's auth state as its context. When that state
 * changes (signed in, signed out, session ended), the route guards run again
 * and redirect if the page no longer applies.
 */
export default function App() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const context = useMemo(
    () => ({ auth: { isLoading, isAuthenticated } }),
    [isLoading, isAuthenticated],
  );
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void router.invalidate();
  }, [context]);
  return <RouterProvider router={router} context={context} />;
}
