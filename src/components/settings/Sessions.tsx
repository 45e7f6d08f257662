import { useEffect, useState } from "react";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import { describeUserAgent } from "../../lib/userAgent";
import { ErrorMessage } from "../Form";

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
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <ErrorMessage message={error} />
      {sessions === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul className="sessions" aria-label="Sessions">
          {sessions.map((session) => (
            <li key={session.id}>
              <div>
                <strong>{describeUserAgent(session.userAgent)}</strong>
                {session.id === current && (
                  <span className="badge">This device</span>
                )}
                <div className="muted">
                  {session.ipAddress ? `${session.ipAddress} · ` : ""}
                  signed in {new Date(session.createdAt).toLocaleString()} ·
                  last active {new Date(session.updatedAt).toLocaleString()}
                </div>
              </div>
              {session.id !== current && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void revoke(session.token)}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sessions && sessions.length > 1 && (
        <button
          type="button"
          className="secondary"
          onClick={() => void revokeOthers()}
        >
          Sign out all other sessions
        </button>
      )}
    </section>
  );
}
