import { Link, useNavigate } from "@tanstack/react-router";
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { signOutHere } from "@/lib/convexAuth";
import { stopViewing, useAdminView } from "@/lib/impersonation";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { ThemeToggle } from "@/components/ThemeToggle";
import { Button, buttonVariants } from "@/components/ui/button";

const navLink = buttonVariants({ variant: "ghost", size: "sm" });
// The current page's link stays highlighted.
const activeProps = { className: "bg-accent text-accent-foreground" };

export function Header() {
  const { isAuthenticated } = useConvexAuth();
  const me = useQuery(api.users.me, isAuthenticated ? {} : "skip");
  const navigate = useNavigate();

  const view = useAdminView();

  const signOut = async () => {
    const authClient = await loadAuthClient();
    // Out of a view as a user, the admin's own session goes too, instead
    // of staying behind in this browser.
    if (view) await stopViewing(authClient);
    await signOutHere(authClient);
    await navigate({ to: "/sign-in" });
  };

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
          <nav
            aria-label="Main"
            className="order-last flex w-full items-center gap-0.5 pt-2 sm:order-none sm:w-auto sm:gap-1 sm:pt-0"
          >
            <Link
              to="/"
              className={navLink}
              activeProps={activeProps}
              activeOptions={{ exact: true }}
            >
              Dashboard
            </Link>
            <Link to="/settings" className={navLink} activeProps={activeProps}>
              Settings
            </Link>
            {me.role === "admin" && (
              <Link to="/admin" className={navLink} activeProps={activeProps}>
                Admin
              </Link>
            )}
            <Button
              variant="outline"
              size="sm"
              className="ml-auto sm:ml-1"
              onClick={signOut}
            >
              Sign out
            </Button>
          </nav>
        )}
        <ThemeToggle />
      </div>
    </header>
  );
}
