import { useNavigate } from "@tanstack/react-router";
import { useCallback, useEffect, useState } from "react";
import { stopViewing, useAdminView } from "@/lib/impersonation";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { Button } from "@/components/ui/button";

/** Ended here this long before the server would end it (see below). */
const END_EARLY_MS = 5_000;

/**
 * Shown on every page while an admin views the app as a user: whose view it
 * is, until when, and a way back to the admin's own session.
 */
export function ImpersonationBanner() {
  const view = useAdminView();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const userId = view?.userId;

  const stop = useCallback(async () => {
    setError(null);
    // On every page, signed-in reloads included: the auth client isn't
    // needed until the button is pressed.
    const { error } = await loadAuthClient()
      .then(stopViewing)
      .catch(() => ({ error: { message: undefined } }));
    if (error) {
      setError(error.message ?? "Couldn't stop viewing. Sign out instead.");
      return;
    }
    await navigate({ to: "/admin", search: { user: userId } });
  }, [navigate, userId]);

  // The server ends the view at `endsAt` whatever happens to this tab, which
  // signs the tab out. Ending it a moment earlier from here brings the admin
  // back to their own session instead.
  const endsAt = view?.endsAt;
  useEffect(() => {
    if (endsAt === undefined) return;
    const timer = setTimeout(
      () => void stop(),
      Math.max(0, endsAt - Date.now() - END_EARLY_MS),
    );
    return () => clearTimeout(timer);
  }, [endsAt, stop]);

  if (!view) return null;
  return (
    <div
      role="region"
      aria-label="Viewing as another user"
      className="border-b border-amber-300 bg-amber-100 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 text-sm sm:px-6">
        <p className="min-w-0 flex-1 basis-64">
          Viewing as{" "}
          <strong data-testid="viewing-as" className="break-all">
            {view.name} ({view.email})
          </strong>{" "}
          until{" "}
          {new Date(view.endsAt).toLocaleTimeString([], {
            hour: "2-digit",
            minute: "2-digit",
          })}
          . Their sign-in details and account can't be changed meanwhile.
        </p>
        <Button size="sm" variant="outline" onClick={() => void stop()}>
          Stop viewing
        </Button>
        {error && (
          <p role="alert" className="w-full text-destructive">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
