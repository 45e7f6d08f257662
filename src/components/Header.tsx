import { Link } from "@tanstack/react-router";
import { useConvexAuth, useQuery } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "../../convex/_generated/api";
import { ThemeToggle } from "@/components/ThemeToggle";

type Nav = typeof import("@/components/HeaderNav").default;

// Fetched now, while the page and its data load, so it is there when the
// user's row arrives; not in the first bundle. Rendered once loaded rather
// than through <Suspense>, which React would hold empty for 300 ms.
let loadedNav: Nav | null = null;
const navChunk = import("@/components/HeaderNav").then(
  (module) => (loadedNav = module.default),
);

function useNav(): Nav | null {
  const [nav, setNav] = useState(() => loadedNav);
  useEffect(() => {
    if (!nav) void navChunk.then((loaded) => setNav(() => loaded));
  }, [nav]);
  return nav;
}

export function Header() {
  const { isAuthenticated } = useConvexAuth();
  const me = useQuery(api.users.me, isAuthenticated ? {} : "skip");
  const HeaderNav = useNav();

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
        {isAuthenticated && me && HeaderNav && (
          // One identity for the app's life: the loaded module's export.
          // eslint-disable-next-line react-hooks/static-components
          <HeaderNav me={me} />
        )}
        <ThemeToggle />
      </div>
    </header>
  );
}
