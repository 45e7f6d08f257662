import { Link } from "@tanstack/react-router";
import { useConvexAuth, useQuery } from "convex/react";
import { lazy, Suspense } from "react";
import { api } from "../../convex/_generated/api";
import { ThemeToggle } from "@/components/ThemeToggle";

// Fetched now, while the page and its data load, so it is there when the
// user's row arrives; not in the first bundle.
const navChunk = import("@/components/HeaderNav");
const HeaderNav = lazy(() => navChunk);

export function Header() {
  const { isAuthenticated } = useConvexAuth();
  const me = useQuery(api.users.me, isAuthenticated ? {} : "skip");

  return (
    <header className="sticky top-0 z-10 border-b bg-background/95 backdrop-blur">
      {/* At phone widths the nav takes a second row under the brand. */}
      <div className="mx-auto flex min-h-14 max-w-4xl flex-wrap items-center gap-x-1 px-4 py-2 sm:flex-nowrap sm:px-6">
        <Link
          to="/"
          className="mr-auto rounded-md px-1 font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          Starter
        </Link>
        {isAuthenticated && me && (
          <Suspense fallback={null}>
            <HeaderNav me={me} />
          </Suspense>
        )}
        <ThemeToggle />
      </div>
    </header>
  );
}
