import { useNavigate } from "@tanstack/react-router";
import { useMutation, useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { describeAuthError, describeConvexError } from "@/lib/authErrors";
import { startViewingAs } from "@/lib/impersonation";
import { notify } from "@/lib/toast";
import { describeUserAgent } from "@/lib/userAgent";
import { ConfirmButton } from "@/components/ConfirmDialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime, signInMethodsText } from "@/components/admin/labels";

/**
 * Runs a confirmed action: a toast once it's done, or the server's reason,
 * which the dialog shows and stays open for.
 */
async function attempt(run: () => Promise<unknown>, done: string) {
  try {
    await run();
  } catch (error) {
    return describeConvexError(error);
  }
  notify(done);
}

export function UserDetail({
  userId,
  onClose,
}: {
  /** From the URL: any string, so possibly no user at all. */
  userId: string;
  /** Back to the list alone (after a delete, or from "no such user"). */
  onClose: () => void;
}) {
  const detail = useQuery(api.admin.userDetail, { userId });
  const me = useQuery(api.users.me);
  const setRole = useMutation(api.admin.setRole);
  const setDisabled = useMutation(api.admin.setDisabled);
  const revokeSessions = useMutation(api.admin.revokeSessions);
  const deleteUser = useMutation(api.admin.deleteUser);
  const authClient = useAuthClient();
  const navigate = useNavigate();

  if (detail === undefined)
    return <p className="text-sm text-muted-foreground">Loading…</p>;
  if (detail === null)
    return (
      <Card aria-labelledby="detail-heading">
        <CardHeader>
          <CardTitle id="detail-heading">No such user</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col items-start gap-4">
          <p className="text-sm" data-testid="detail-missing">
            This user doesn&rsquo;t exist: they may have been deleted, or the
            link is wrong.
          </p>
          <Button variant="outline" size="sm" onClick={onClose}>
            Close
          </Button>
        </CardContent>
      </Card>
    );
  const { user, auth } = detail;
  const id = user._id;
  // The server refuses these on your own account (SELF_LOCKOUT); they
  // aren't offered.
  const self = me?._id === id;

  return (
    <Card aria-labelledby="detail-heading">
      <CardHeader>
        <CardTitle id="detail-heading" className="break-all">
          {user.email}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm [&_dd]:min-w-0 [&_dd]:break-words [&_dt]:text-muted-foreground">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Role</dt>
          <dd data-testid="detail-role">{user.role}</dd>
          <dt>Status</dt>
          <dd data-testid="detail-status">
            {user.disabled ? "disabled" : "active"}
          </dd>
          <dt>Sign-in methods</dt>
          <dd data-testid="detail-methods">
            {signInMethodsText(auth.signInMethods)}
          </dd>
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
              <time dateTime={new Date(session.createdAt).toISOString()}>
                {formatDateTime(session.createdAt)}
              </time>
              {session.adminView && " · an admin's view"}
            </li>
          ))}
        </ul>
        {self && (
          <p
            className="text-sm text-muted-foreground"
            data-testid="detail-self"
          >
            This is your account: another admin can demote, disable or delete
            it, you can&rsquo;t.
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {user.role === "user" ? (
            <ConfirmButton
              title={`Make ${user.email} an admin?`}
              description="They can then manage every user, and see this console and its audit log."
              confirmLabel="Promote to admin"
              onConfirm={() =>
                attempt(
                  () => setRole({ userId: id, role: "admin" }),
                  "User promoted to admin",
                )
              }
            >
              Promote to admin
            </ConfirmButton>
          ) : (
            !self && (
              <ConfirmButton
                title={`Make ${user.email} a normal user?`}
                description="They lose the admin console at once."
                confirmLabel="Demote to user"
                onConfirm={() =>
                  attempt(
                    () => setRole({ userId: id, role: "user" }),
                    "User demoted",
                  )
                }
              >
                Demote to user
              </ConfirmButton>
            )
          )}
          {user.role === "user" && !user.disabled && (
            <ConfirmButton
              title={`View the app as ${user.email}?`}
              description="You'll see their dashboard as they do, without changing their sign-in details or account. The view ends on its own, and goes in the audit log."
              confirmLabel="View as user"
              onConfirm={async () => {
                const { error } = await startViewingAs(authClient, user.authId);
                if (error) return describeAuthError(error);
                await navigate({ to: "/" });
              }}
            >
              View as user
            </ConfirmButton>
          )}
          {!self && (
            <ConfirmButton
              title={`${user.disabled ? "Enable" : "Disable"} ${user.email}?`}
              description={
                user.disabled
                  ? "They can sign in again."
                  : "They are signed out everywhere at once and can't sign in until enabled."
              }
              confirmLabel={user.disabled ? "Enable user" : "Disable user"}
              onConfirm={() =>
                attempt(
                  () => setDisabled({ userId: id, disabled: !user.disabled }),
                  user.disabled ? "User enabled" : "User disabled",
                )
              }
            >
              {user.disabled ? "Enable user" : "Disable user"}
            </ConfirmButton>
          )}
          <ConfirmButton
            title={`Sign ${user.email} out everywhere?`}
            description={
              self
                ? "This signs you out here too."
                : "Every session of theirs ends; they can sign in again."
            }
            confirmLabel="Revoke all sessions"
            onConfirm={() =>
              attempt(
                () => revokeSessions({ userId: id }),
                "Signed out everywhere",
              )
            }
          >
            Revoke all sessions
          </ConfirmButton>
          {!self && (
            <ConfirmButton
              variant="destructive"
              destructive
              title={`Delete ${user.email}?`}
              description="Their account, sign-in methods and all their data go for good. This can't be undone."
              confirmLabel="Delete user"
              onConfirm={async () => {
                const failed = await attempt(
                  () => deleteUser({ userId: id }),
                  "User deleted",
                );
                if (!failed) onClose();
                return failed;
              }}
            >
              Delete user
            </ConfirmButton>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
