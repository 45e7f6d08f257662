import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";
import { Suspense, type ComponentType } from "react";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { Header } from "./components/Header";
import { Redirect, usePath } from "./lib/router";
import { routes } from "./routes";

/**
 * Auth gating uses Convex's own state (AuthLoading/Authenticated/
 * Unauthenticated), not Better Auth's useSession: Convex is "authenticated"
 * only once it has accepted the JWT, so queries never run ahead of it.
 */
export default function App() {
  const path = usePath();
  const route = routes[path];
  if (!route) return <NotFound />;
  return (
    <>
      <Header />
      <main>
        <AuthLoading>
          <p className="muted" aria-busy="true" data-testid="auth-loading">
            Loading…
          </p>
        </AuthLoading>
        <Authenticated>
          <Page component={route.signedIn} />
        </Authenticated>
        <Unauthenticated>
          <Page component={route.signedOut} />
        </Unauthenticated>
      </main>
    </>
  );
}

function Page({ component: Component }: { component?: ComponentType }) {
  if (!Component) return <Redirect to="/" />;
  return (
    <ErrorBoundary>
      <Suspense fallback={<p className="muted">Loading page…</p>}>
        <Component />
      </Suspense>
    </ErrorBoundary>
  );
}

function NotFound() {
  return (
    <main className="card narrow">
      <h1>Page not found</h1>
      <a href="/">Go to the start page</a>
    </main>
  );
}
