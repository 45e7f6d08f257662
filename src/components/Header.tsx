import { Link } from "@tanstack/react-router";
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { useAdminView } from "@/lib/impersonation";
import { useUserLocale } from "@/lib/locale";
import { prefetched } from "@/lib/prefetched";
import { m } from "@/paraglide/messages";

// Rendered once its chunk is there, fetched as the app starts: not in the
// first bundle, and never holding the page (src/lib/prefetched.ts).
const useNav = prefetched(() => import("@/components/HeaderNav"));
const useStatus = prefetched(() => import("@/components/ConnectionStatus"));
const useTools = prefetched(() => import("@/components/HeaderTools"));

export function Header() {
  const { isAuthenticated } = useConvexAuth();
  const me = useQuery(api.users.me, isAuthenticated ? {} : "skip");
  // The signed-in user's stored language wins over this browser's.
  useUserLocale(me, Boolean(useAdminView()));
  const HeaderNav = useNav();
  const ConnectionStatus = useStatus();
  const HeaderTools = useTools();

  return (
    <header className="sticky top-0 z-10 border-b bg-background/95 backdrop-blur">
      {/* At phone widths the nav takes a second row under the brand. */}
      <div className="mx-auto flex min-h-14 max-w-4xl flex-wrap items-center gap-x-1 px-4 py-2 sm:flex-nowrap sm:px-6">
        <Link
          to="/"
          className="mr-auto rounded-md px-1 font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          {m.app_name()}
        </Link>
        {ConnectionStatus && (
          // eslint-disable-next-line react-hooks/static-components
          <ConnectionStatus />
        )}
        {isAuthenticated && me && HeaderNav && (
          // One identity for the app's life: the loaded module's export.
          // eslint-disable-next-line react-hooks/static-components
          <HeaderNav me={me} />
        )}
        {HeaderTools && (
          // eslint-disable-next-line react-hooks/static-components
          <HeaderTools />
        )}
      </div>
    </header>
  );
}
