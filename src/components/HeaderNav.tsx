import { Link, useNavigate } from "@tanstack/react-router";
import type { Doc } from "../../convex/_generated/dataModel";
import OrgSwitcher from "@/components/org/OrgSwitcher";
import { Button, buttonVariants } from "@/components/ui/button";
import { signOutHere } from "@/lib/convexAuth";
import { stopViewing, useAdminView } from "@/lib/impersonation";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { m } from "@/paraglide/messages";

// Tighter at phone widths, where five links share the row.
const navLink = buttonVariants({
  variant: "ghost",
  size: "sm",
  className: "px-2 sm:px-3",
});
// The current page's link stays highlighted.
const activeProps = { className: "bg-accent text-accent-foreground" };

/**
 * The signed-in part of the header: the organization switcher, the pages
 * and signing out. Its own chunk, fetched while the first page loads
 * (src/components/Header.tsx), so the first bundle doesn't carry it.
 */
export default function HeaderNav({ me }: { me: Doc<"users"> }) {
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
    <>
      <OrgSwitcher />
      <nav
        aria-label={m.app_nav_label()}
        className="order-last flex w-full flex-wrap items-center gap-0.5 pt-2 sm:order-none sm:w-auto sm:flex-nowrap sm:gap-1 sm:pt-0"
      >
        <Link
          to="/"
          className={navLink}
          activeProps={activeProps}
          activeOptions={{ exact: true }}
        >
          {m.app_nav_dashboard()}
        </Link>
        <Link to="/team" className={navLink} activeProps={activeProps}>
          {m.app_nav_team()}
        </Link>
        <Link to="/settings" className={navLink} activeProps={activeProps}>
          {m.app_nav_settings()}
        </Link>
        {me.role === "admin" && (
          <Link to="/admin" className={navLink} activeProps={activeProps}>
            {m.app_nav_admin()}
          </Link>
        )}
        <Button
          variant="outline"
          size="sm"
          className="ml-auto sm:ml-1"
          onClick={signOut}
        >
          {m.app_sign_out()}
        </Button>
      </nav>
    </>
  );
}
