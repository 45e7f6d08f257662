import { useNavigate } from "@tanstack/react-router";
import { useCallback, useEffect, useState } from "react";
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../convex/_generated/api";
import { describeAuthError } from "@/lib/authErrors";
import { stopViewing, type ViewResult } from "@/lib/impersonation";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { Button } from "@/components/ui/button";
import { formatTime } from "@/lib/format";
import { withElement } from "@/lib/richText";
import { m } from "@/paraglide/messages";

type AdminView = NonNullable<
  FunctionReturnType<typeof api.impersonation.current>
>;

/** Ended here this long before the server would end it (see below). */
const END_EARLY_MS = 5_000;

/**
 * The banner of `ImpersonationBanner`: whose view it is, until when, and a
 * way back to the admin's own session.
 */
export default function ViewBanner({ view }: { view: AdminView }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const { userId, endsAt } = view;

  const stop = useCallback(async () => {
    setError(null);
    // On every page, signed-in reloads included: the auth client isn't
    // needed until the button is pressed.
    const { error } = await loadAuthClient()
      .then(stopViewing)
      .catch((): ViewResult => ({ error: {} }));
    if (error) {
      // A refusal Better Auth names, in words; anything else (offline, a
      // server error) gets the way out that always works.
      setError(
        error.code ? describeAuthError(error) : m.app_view_stop_failed(),
      );
      return;
    }
    await navigate({ to: "/admin", search: { user: userId } });
  }, [navigate, userId]);

  // The server ends the view at `endsAt` whatever happens to this tab, which
  // signs the tab out. Ending it a moment earlier from here brings the admin
  // back to their own session instead.
  useEffect(() => {
    const timer = setTimeout(
      () => void stop(),
      Math.max(0, endsAt - Date.now() - END_EARLY_MS),
    );
    return () => clearTimeout(timer);
  }, [endsAt, stop]);

  return (
    <div
      role="region"
      aria-label={m.app_view_region()}
      className="border-b border-amber-300 bg-amber-100 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 text-sm sm:px-6">
        <p className="min-w-0 flex-1 basis-64">
          {withElement(
            (who) => m.app_view_banner({ who, until: formatTime(view.endsAt) }),
            <strong data-testid="viewing-as" className="break-all">
              {view.name} ({view.email})
            </strong>,
          )}
        </p>
        <Button size="sm" variant="outline" onClick={() => void stop()}>
          {m.app_view_stop()}
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
