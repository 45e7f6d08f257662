import { useEffect, useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { notify } from "@/lib/toast";
import { describeUserAgent } from "@/lib/userAgent";
import { ConfirmButton } from "@/components/ConfirmDialog";
import { ErrorMessage } from "@/components/Form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";
import {
  SignInAgain,
  needsFreshSignIn,
} from "@/components/settings/SignInAgain";

type SessionRow = {
  id: string;
  token: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago", "yesterday", "just now", in the browser's language. */
export function relativeTime(date: Date, now = Date.now()): string {
  const elapsed = now - date.getTime();
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  return "just now";
}

function When({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()}>
      {relativeTime(date)}
    </time>
  );
}

/**
 * The user's sessions, this device first; revoking one cuts its Convex
 * access at once. Better Auth records activity only when it extends a
 * session (`updatedAt`, at most once a day: `session.updateAge`), so other
 * sessions show when they were last seen to the day, and say so.
 */
export function Sessions() {
  const authClient = useAuthClient();
  const current = authClient.useSession().data?.session.id;
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  // Bumped after each change to reload the list.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);

  useEffect(() => {
    let active = true;
    void authClient.listSessions().then(({ data, error }) => {
      if (!active) return;
      // Listing sessions needs a sign-in from the last day.
      setStale(needsFreshSignIn(error));
      if (error)
        setError(needsFreshSignIn(error) ? null : describeAuthError(error));
      else setSessions(data as SessionRow[]);
    });
    return () => {
      active = false;
    };
  }, [authClient, version]);

  const revoke = async (token: string) => {
    const { error } = await authClient.revokeSession({ token });
    if (error) setError(describeAuthError(error));
    else notify("Session signed out");
    refresh();
  };
  const revokeOthers = async (): Promise<string | void> => {
    const { error } = await authClient.revokeOtherSessions();
    refresh();
    if (error) return describeAuthError(error);
    notify("Other sessions signed out");
  };

  const sorted = sessions
    ? [...sessions].sort(
        (a, b) =>
          Number(b.id === current) - Number(a.id === current) ||
          new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime(),
      )
    : null;

  return (
    <SettingsCard
      title="Sessions"
      description="Devices signed in to your account. Revoking one signs it out at once. Activity is recorded about once a day."
    >
      <ErrorMessage message={error} />
      {stale && <SignInAgain toDo="see your sessions" section="sessions" />}
      {sorted === null ? (
        !stale && <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Sessions">
          {sorted.map((session) => {
            const here = session.id === current;
            const created = new Date(session.createdAt);
            const seen = new Date(
              Math.max(
                created.getTime(),
                new Date(session.updatedAt).getTime(),
              ),
            );
            return (
              <li
                key={session.id}
                data-testid="session"
                className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm"
              >
                <div className="flex min-w-0 flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2 font-medium">
                    {describeUserAgent(session.userAgent)}
                    {here && <Badge variant="secondary">This device</Badge>}
                  </div>
                  <div className="text-muted-foreground [overflow-wrap:anywhere]">
                    {session.ipAddress ? `${session.ipAddress} · ` : ""}
                    signed in <When date={created} /> ·{" "}
                    {here ? (
                      "active now"
                    ) : (
                      <>
                        last seen <When date={seen} />
                      </>
                    )}
                  </div>
                </div>
                {!here && (
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => void revoke(session.token)}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {sorted && sorted.length > 1 && (
        // A row of its own: the card's column would stretch the button.
        <div className="flex">
          <ConfirmButton
            title="Sign out all other sessions?"
            description="Every other device signed in to your account is signed out at once. This device stays signed in."
            confirmLabel="Sign out other sessions"
            size="default"
            onConfirm={revokeOthers}
          >
            Sign out all other sessions
          </ConfirmButton>
        </div>
      )}
    </SettingsCard>
  );
}
