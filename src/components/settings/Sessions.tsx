import { useEffect, useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { describeUserAgent } from "@/lib/userAgent";
import { ErrorMessage } from "@/components/Form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";

type SessionRow = {
  id: string;
  token: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The user's sessions; revoking one cuts its Convex access at once. */
export function Sessions() {
  const authClient = useAuthClient();
  const current = authClient.useSession().data?.session.id;
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after each change to reload the list.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);

  useEffect(() => {
    let active = true;
    void authClient.listSessions().then(({ data, error }) => {
      if (!active) return;
      if (error) setError(describeAuthError(error));
      else setSessions(data as SessionRow[]);
    });
    return () => {
      active = false;
    };
  }, [authClient, version]);

  const revoke = async (token: string) => {
    const { error } = await authClient.revokeSession({ token });
    if (error) setError(describeAuthError(error));
    refresh();
  };
  const revokeOthers = async () => {
    const { error } = await authClient.revokeOtherSessions();
    if (error) setError(describeAuthError(error));
    refresh();
  };

  return (
    <SettingsCard
      title="Sessions"
      description="Devices signed in to your account. Revoking one signs it out at once."
    >
      <ErrorMessage message={error} />
      {sessions === null ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Sessions">
          {sessions.map((session) => (
            <li
              key={session.id}
              className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm"
            >
              <div className="flex flex-col gap-1">
                <div className="flex items-center gap-2 font-medium">
                  {describeUserAgent(session.userAgent)}
                  {session.id === current && (
                    <Badge variant="secondary">This device</Badge>
                  )}
                </div>
                <div className="text-muted-foreground">
                  {session.ipAddress ? `${session.ipAddress} · ` : ""}
                  signed in {new Date(session.createdAt).toLocaleString()} ·
                  last active {new Date(session.updatedAt).toLocaleString()}
                </div>
              </div>
              {session.id !== current && (
                <Button
                  variant="outline"
                  size="sm"
                  onClick={() => void revoke(session.token)}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sessions && sessions.length > 1 && (
        <Button
          variant="outline"
          className="self-start"
          onClick={() => void revokeOthers()}
        >
          Sign out all other sessions
        </Button>
      )}
    </SettingsCard>
  );
}
