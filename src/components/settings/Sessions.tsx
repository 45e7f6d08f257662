import { useEffect, useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { formatDateTime } from "@/lib/format";
import { getLocale } from "@/paraglide/runtime";
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
import { m } from "@/paraglide/messages";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago", "yesterday", "just now", in the app's language. */
export function formatRelative(date: Date, now = Date.now()): string {
  const elapsed = now - date.getTime();
  const format = new Intl.RelativeTimeFormat(getLocale(), { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  return m.settings_just_now();
}

type SessionRow = {
  id: string;
  token: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * A phrase around a relative time ("signed in 3 hours ago"), the exact
 * time in its tooltip.
 */
function When({ date, text }: { date: Date; text: (when: string) => string }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {text(formatRelative(date))}
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
    else notify(m.settings_session_revoked());
    refresh();
  };
  const revokeOthers = async (): Promise<string | void> => {
    const { error } = await authClient.revokeOtherSessions();
    refresh();
    if (error) return describeAuthError(error);
    notify(m.settings_sessions_others_revoked());
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
      title={m.settings_sessions_title()}
      description={m.settings_sessions_description()}
    >
      <ErrorMessage message={error} />
      {stale && (
        <SignInAgain
          message={m.settings_sign_in_again_sessions()}
          section="sessions"
        />
      )}
      {sorted === null ? (
        !stale && (
          <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
        )
      ) : (
        <ul
          className="divide-y rounded-md border"
          aria-label={m.settings_sessions_title()}
        >
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
                    {here && (
                      <Badge variant="secondary">
                        {m.settings_session_this_device()}
                      </Badge>
                    )}
                  </div>
                  <div className="text-muted-foreground [overflow-wrap:anywhere]">
                    {session.ipAddress ? `${session.ipAddress} · ` : ""}
                    <When
                      date={created}
                      text={(when) => m.settings_session_signed_in({ when })}
                    />{" "}
                    ·{" "}
                    {here ? (
                      m.settings_session_active_now()
                    ) : (
                      <When
                        date={seen}
                        text={(when) => m.settings_session_last_seen({ when })}
                      />
                    )}
                  </div>
                </div>
                {!here && (
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => void revoke(session.token)}
                  >
                    {m.settings_session_revoke()}
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
            title={m.settings_sessions_revoke_others_title()}
            description={m.settings_sessions_revoke_others_description()}
            confirmLabel={m.settings_sessions_revoke_others_confirm()}
            size="default"
            onConfirm={revokeOthers}
          >
            {m.settings_sessions_revoke_others()}
          </ConfirmButton>
        </div>
      )}
    </SettingsCard>
  );
}
