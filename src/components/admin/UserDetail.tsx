import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import { describeConvexError } from "../../lib/authErrors";
import { describeUserAgent } from "../../lib/userAgent";
import { ErrorMessage } from "../Form";

export function UserDetail({
  userId,
  onDeleted,
}: {
  userId: Id<"users">;
  onDeleted: () => void;
}) {
  const detail = useQuery(api.admin.userDetail, { userId });
  const setRole = useMutation(api.admin.setRole);
  const setDisabled = useMutation(api.admin.setDisabled);
  const revokeSessions = useMutation(api.admin.revokeSessions);
  const deleteUser = useMutation(api.admin.deleteUser);
  const [error, setError] = useState<string | null>(null);

  if (detail === undefined) return <p className="muted">Loading…</p>;
  const { user, auth } = detail;

  /** Every action is confirmed first; the server has the last word. */
  const act = async (question: string, run: () => Promise<unknown>) => {
    if (!window.confirm(question)) return;
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(describeConvexError(e));
    }
  };

  return (
    <section className="card" aria-labelledby="detail-heading">
      <h2 id="detail-heading">{user.email}</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Role</dt>
        <dd data-testid="detail-role">{user.role}</dd>
        <dt>Status</dt>
        <dd data-testid="detail-status">
          {user.disabled ? "disabled" : "active"}
        </dd>
        <dt>Sign-in methods</dt>
        <dd>{auth.signInMethods.join(", ") || "none"}</dd>
        <dt>Two-factor</dt>
        <dd>{auth.twoFactorEnabled ? "on" : "off"}</dd>
        <dt>Active sessions</dt>
        <dd data-testid="detail-sessions">{auth.sessions.length}</dd>
      </dl>
      <ul className="sessions" aria-label="Active sessions">
        {auth.sessions.map((session) => (
          <li key={session.id}>
            {describeUserAgent(session.userAgent)}
            {session.ipAddress ? ` · ${session.ipAddress}` : ""} · since{" "}
            {new Date(session.createdAt).toLocaleString()}
          </li>
        ))}
      </ul>
      <div className="actions">
        {user.role === "user" ? (
          <button
            type="button"
            onClick={() =>
              act(`Make ${user.email} an admin?`, () =>
                setRole({ userId, role: "admin" }),
              )
            }
          >
            Promote to admin
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              act(`Make ${user.email} a normal user?`, () =>
                setRole({ userId, role: "user" }),
              )
            }
          >
            Demote to user
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            act(`${user.disabled ? "Enable" : "Disable"} ${user.email}?`, () =>
              setDisabled({ userId, disabled: !user.disabled }),
            )
          }
        >
          {user.disabled ? "Enable user" : "Disable user"}
        </button>
        <button
          type="button"
          onClick={() =>
            act(`Sign ${user.email} out everywhere?`, () =>
              revokeSessions({ userId }),
            )
          }
        >
          Revoke all sessions
        </button>
        <button
          type="button"
          className="danger"
          onClick={() =>
            act(`Delete ${user.email} and all their data?`, async () => {
              await deleteUser({ userId });
              onDeleted();
            })
          }
        >
          Delete user
        </button>
      </div>
      <ErrorMessage message={error} />
    </section>
  );
}
