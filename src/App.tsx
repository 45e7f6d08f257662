import { RouterProvider } from "@tanstack/react-router";
import { useConvexAuth } from "convex/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useHasStoredSession } from "@/lib/convexAuth";
import { useLocale } from "@/lib/locale";
import { router } from "@/router";

/**
 * The router with Convex's auth state as its context. When that state
 * changes (signed in, signed out, session ended), the route guards run again
 * and redirect if the page no longer applies.
 */
export default function App() {
  const convex = useConvexAuth();
  const hasStoredSession = useHasStoredSession();
  const isAuthenticated = convex.isAuthenticated;
  // A session just stored (sign-in, an emailed link) or found on load counts
  // as loading until Convex accepts it: pages for signed-in users render at
  // once and their queries go out right behind the token.
  const isLoading =
    convex.isLoading || (hasStoredSession && !convex.isAuthenticated);
  // Signed in since this page loaded: a sign-out from here on (the button,
  // another tab, a revoked session) leads to a plain sign-in page. The way
  // back after sign-in is for links opened signed out, and it can't depend
  // on which of the button's navigation and the guard's redirect comes last.
  const [signedInHere, setSignedInHere] = useState(false);
  if (isAuthenticated && !signedInHere) setSignedInHere(true);
  const context = useMemo(
    () => ({ auth: { isLoading, isAuthenticated, signedInHere } }),
    [isLoading, isAuthenticated, signedInHere],
  );
  // The guards decide on "signed in or becoming so" alone: only a change of
  // that runs them again. Convex accepting a just-stored session changes
  // nothing they decide, and it arrives with the user's data, which then
  // renders without the router's work beside it.
  const maybeSignedIn = isAuthenticated || isLoading;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void router.invalidate();
  }, [maybeSignedIn]);
  // A new language renders every page anew (strings aren't state).
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <RouterProvider key={locale} router={router} context={context} />;
}
