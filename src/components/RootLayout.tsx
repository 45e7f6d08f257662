import { Outlet } from "@tanstack/react-router";
import { ErrorBoundary } from "@/components/ErrorBoundary";
import { Header } from "@/components/Header";
import { ImpersonationBanner } from "@/components/ImpersonationBanner";
import { ToastOutlet } from "@/components/ToastOutlet";

/** The root route: the header on every page, the matched page below. */
export function RootLayout() {
  return (
    <div className="flex min-h-svh flex-col">
      <Header />
      <ImpersonationBanner />
      <main className="flex-1 px-4 py-8 sm:px-6">
        <ErrorBoundary>
          <Outlet />
        </ErrorBoundary>
      </main>
      <ToastOutlet />
    </div>
  );
}
