/**
 * The route tree: every page of the app, in one place. Code-based routes
 * (TanStack Router): the tree is small enough to read in one file, and needs
 * no generator or build plugin.
 *
 * - `guest` pages (sign in, sign up, two-factor) send a signed-in user on,
 *   to the page in `?redirect=` or the dashboard; `signedIn` pages send
 *   everyone else to sign in, with `?redirect=` back to where they were; the
 *   `admin` area renders only for admins. Guards read Convex's auth state
 *   (router context, from src/App.tsx), not Better Auth's `useSession`: Convex
 *   counts as signed in once it has accepted the JWT, and as loading while
 *   it checks a session stored in this browser.
 * - The pages a visitor lands on (sign in, the dashboard, the emailed link's
 *   page) are in the first bundle, so a signed-in user never waits for a
 *   chunk; the rest are code-split and preloaded when a link is hovered.
 * - The Better Auth client isn't in the first bundle: the code-split pages
 *   that render with it load it with their chunk (`withAuthClient`), so the
 *   router shows them only once both are there.
 */
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import type { ComponentType } from "react";
import { RootLayout } from "@/components/RootLayout";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { optionalPage, optionalString, returnPath } from "@/lib/search";
import { settingsSection } from "@/components/settings/sections";
import Dashboard from "@/pages/Dashboard";
import SignIn from "@/pages/SignIn";

export type RouterContext = {
  auth: { isLoading: boolean; isAuthenticated: boolean; signedInHere: boolean };
};

/** A code-split page that renders with the auth client (`useAuthClient`). */
function withAuthClient<Page extends { default: ComponentType }>(
  page: () => Promise<Page>,
) {
  return lazyRouteComponent(() =>
    Promise.all([page(), loadAuthClient()]).then(([module]) => module),
  );
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  // Rare pages, so their code loads when they show.
  notFoundComponent: lazyRouteComponent(
    () => import("@/components/NotFound"),
    "NotFound",
  ),
});

const guest = createRoute({
  getParentRoute: () => rootRoute,
  id: "guest",
  // Only a path of this app: anything else is dropped (no open redirect).
  validateSearch: (search: Record<string, unknown>) => ({
    redirect: returnPath(search.redirect),
  }),
  // Also while a just-stored session is being accepted: the page then
  // subscribes to its data before Convex has even confirmed the token. So
  // every way of signing in ends here, on the way to `?redirect=`.
  beforeLoad: ({ context, search }) => {
    if (context.auth.isAuthenticated || context.auth.isLoading)
      throw redirect({ href: search.redirect ?? "/" });
  },
});

const signedIn = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  // While Convex is still checking a stored session the page renders: its
  // queries go out on the socket right after the token.
  beforeLoad: ({ context, location }) => {
    if (!context.auth.isLoading && !context.auth.isAuthenticated)
      throw redirect({
        to: "/sign-in",
        // A deep or emailed link opened signed out comes back here after
        // sign-in (a sign-out doesn't: src/App.tsx).
        search: {
          redirect:
            context.auth.signedInHere || location.href === "/"
              ? undefined
              : location.href,
        },
      });
  },
});

const admin = createRoute({
  getParentRoute: () => signedIn,
  path: "/admin",
  validateSearch: (search: Record<string, unknown>) => ({
    page: optionalPage(search.page),
    user: optionalString(search.user),
  }),
  component: lazyRouteComponent(
    () => import("@/components/AdminOnly"),
    "AdminOnly",
  ),
});

const tokenSearch = (search: Record<string, unknown>) => ({
  token: optionalString(search.token),
  error: optionalString(search.error),
});

const routeTree = rootRoute.addChildren([
  guest.addChildren([
    createRoute({
      getParentRoute: () => guest,
      path: "/sign-in",
      component: SignIn,
    }),
    createRoute({
      getParentRoute: () => guest,
      path: "/sign-up",
      validateSearch: (search) => ({ sent: optionalString(search.sent) }),
      component: withAuthClient(() => import("@/pages/SignUp")),
    }),
    createRoute({
      getParentRoute: () => guest,
      path: "/two-factor",
      component: withAuthClient(() => import("@/pages/TwoFactor")),
    }),
  ]),
  signedIn.addChildren([
    createRoute({
      getParentRoute: () => signedIn,
      path: "/",
      component: Dashboard,
    }),
    createRoute({
      getParentRoute: () => signedIn,
      path: "/settings",
      validateSearch: (search: Record<string, unknown>) => ({
        section: settingsSection(search.section),
      }),
      component: withAuthClient(() => import("@/pages/Settings")),
    }),
    createRoute({
      getParentRoute: () => signedIn,
      path: "/team",
      validateSearch: (search: Record<string, unknown>) => ({
        create: search.create === true || search.create === "true" || undefined,
      }),
      component: lazyRouteComponent(() => import("@/pages/Team")),
    }),
    admin.addChildren([
      createRoute({
        getParentRoute: () => admin,
        path: "/",
        component: withAuthClient(() => import("@/pages/Admin")),
      }),
    ]),
  ]),
  // For both: a link can be opened signed in or out.
  createRoute({
    getParentRoute: () => rootRoute,
    path: "/verify-email",
    validateSearch: tokenSearch,
    // Loads with the auth client it verifies through, as the others do.
    component: withAuthClient(() => import("@/pages/VerifyEmail")),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: "/reset-password",
    validateSearch: tokenSearch,
    component: withAuthClient(() => import("@/pages/ResetPassword")),
  }),
  // An emailed sign-in link's confirmation: the click signs in.
  createRoute({
    getParentRoute: () => rootRoute,
    path: "/magic-link",
    component: lazyRouteComponent(() => import("@/pages/MagicLink")),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: "/invitation/$invitationId",
    component: lazyRouteComponent(() => import("@/pages/Invitation")),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: "/forgot-password",
    component: withAuthClient(() => import("@/pages/ForgotPassword")),
  }),
  // Development builds only; the server also refuses off a local deployment.
  ...(import.meta.env.DEV
    ? [
        createRoute({
          getParentRoute: () => rootRoute,
          path: "/dev/mailbox",
          component: lazyRouteComponent(() => import("@/pages/DevMailbox")),
        }),
      ]
    : []),
]);

export const router = createRouter({
  routeTree,
  // Replaced by <RouterProvider context> on every render (src/App.tsx).
  context: {
    auth: { isLoading: true, isAuthenticated: false, signedInHere: false },
  },
  defaultPreload: "intent",
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
