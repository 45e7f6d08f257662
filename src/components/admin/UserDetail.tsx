import { useNavigate } from "@tanstack/react-router";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { describeConvexError } from "@/lib/authErrors";
import { startViewingAs } from "@/lib/impersonation";
import { describeUserAgent } from "@/lib/userAgent";
import { ErrorMessage } from "@/components/Form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

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
  const authClient = useAuthClient();
  const navigate = useNavigate();

  if (detail === undefined)
    return <p className="text-sm text-muted-foreground">Loading…</p>;
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
    <Card aria-labelledby="detail-heading">
      <CardHeader>
        <CardTitle id="detail-heading" className="break-all">
          {user.email}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm [&_dt]:text-muted-foreground">
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
        <ul
          className="divide-y rounded-md border text-sm empty:hidden"
          aria-label="Active sessions"
        >
          {auth.sessions.map((session) => (
            <li key={session.id} className="px-3 py-2">
              {describeUserAgent(session.userAgent)}
              {session.ipAddress ? ` · ${session.ipAddress}` : ""} · since{" "}
              {new Date(session.createdAt).toLocaleString()}
              {session.adminView && " · an admin's view"}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          {user.role === "user" ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() =>
                act(`Make ${user.email} an admin?`, () =>
                  setRole({ userId, role: "admin" }),
                )
              }
            >
              Promote to admin
            </Button>
          ) : (
            <Button
              variant="outline"
              size="sm"
              onClick={() =>
                act(`Make ${user.email} a normal user?`, () =>
                  setRole({ userId, role: "user" }),
                )
              }
            >
              Demote to user
            </Button>
          )}
          {user.role === "user" && !user.disabled && (
            <Button
              variant="outline"
              size="sm"
              onClick={() =>
                act(
                  `View the app as ${user.email}? The view ends on its own, and goes in the audit log.`,
                  async () => {
                    const { error } = await startViewingAs(
                      authClient,
                      user.authId,
                    );
                    if (error) {
                      setError(error.message ?? "Couldn't start the view.");
                      return;
                    }
                    await navigate({ to: "/" });
                  },
                )
              }
            >
              View as user
            </Button>
          )}
          <Button
            variant="outline"
            size="sm"
            onClick={() =>
              act(
                `${user.disabled ? "Enable" : "Disable"} ${user.email}?`,
                () => setDisabled({ userId, disabled: !user.disabled }),
              )
            }
          >
            {user.disabled ? "Enable user" : "Disable user"}
          </Button>
          <Button
            variant="outline"
            size="sm"
            onClick={() =>
              act(`Sign ${user.email} out everywhere?`, () =>
                revokeSessions({ userId }),
              )
            }
          >
            Revoke all sessions
          </Button>
          <Button
            variant="destructive"
            size="sm"
            onClick={() =>
              act(`Delete ${user.email} and all their data?`, async () => {
                await deleteUser({ userId });
                onDeleted();
              })
            }
          >
            Delete user
          </Button>
        </div>
        <ErrorMessage message={error} />
      </CardContent>
    </Card>
  );
}
