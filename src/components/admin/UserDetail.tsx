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
import { signInMethodsText } from "@/components/admin/labels";
import { formatDateTime } from "@/lib/format";
import { m } from "@/paraglide/messages";

/**
 * Runs a confirmed action: a toast once it's done, or the server's reason,
 * which the dialog shows and stays open for.
 */
async function attempt(run: () => Promise<unknown>, done: () => string) {
  try {
    await run();
  } catch (error) {
    return describeConvexError(error);
  }
  notify(done());
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
    return <p className="text-sm text-muted-foreground">{m.app_loading()}</p>;
  if (detail === null)
    return (
      <Card aria-labelledby="detail-heading">
        <CardHeader>
          <CardTitle id="detail-heading">{m.admin_no_such_user()}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col items-start gap-4">
          <p className="text-sm" data-testid="detail-missing">
            {m.admin_no_such_user_text()}
          </p>
          <Button variant="outline" size="sm" onClick={onClose}>
            {m.admin_close()}
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
          <dt>{m.admin_detail_name()}</dt>
          <dd>{user.name}</dd>
          <dt>{m.admin_detail_role()}</dt>
          <dd data-testid="detail-role">{user.role}</dd>
          <dt>{m.admin_detail_status()}</dt>
          <dd data-testid="detail-status">
            {user.disabled
              ? m.admin_status_disabled()
              : m.admin_status_active()}
          </dd>
          <dt>{m.admin_detail_methods()}</dt>
          <dd data-testid="detail-methods">
            {signInMethodsText(auth.signInMethods)}
          </dd>
          <dt>{m.admin_detail_two_factor()}</dt>
          <dd>{auth.twoFactorEnabled ? m.admin_on() : m.admin_off()}</dd>
          <dt>{m.admin_detail_sessions()}</dt>
          <dd data-testid="detail-sessions">{auth.sessions.length}</dd>
        </dl>
        <ul
          className="divide-y rounded-md border text-sm empty:hidden"
          aria-label={m.admin_detail_sessions()}
        >
          {auth.sessions.map((session) => (
            <li key={session.id} className="px-3 py-2">
              {describeUserAgent(session.userAgent)}
              {session.ipAddress ? ` · ${session.ipAddress}` : ""} ·{" "}
              <time dateTime={new Date(session.createdAt).toISOString()}>
                {m.admin_session_since({
                  date: formatDateTime(session.createdAt),
                })}
              </time>
              {session.adminView && <> · {m.admin_session_admin_view()}</>}
            </li>
          ))}
        </ul>
        {self && (
          <p
            className="text-sm text-muted-foreground"
            data-testid="detail-self"
          >
            {m.admin_self_note()}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {user.role === "user" ? (
            <ConfirmButton
              title={m.admin_promote_title({ email: user.email })}
              description={m.admin_promote_description()}
              confirmLabel={m.admin_promote()}
              onConfirm={() =>
                attempt(
                  () => setRole({ userId: id, role: "admin" }),
                  m.admin_promoted,
                )
              }
            >
              {m.admin_promote()}
            </ConfirmButton>
          ) : (
            !self && (
              <ConfirmButton
                title={m.admin_demote_title({ email: user.email })}
                description={m.admin_demote_description()}
                confirmLabel={m.admin_demote()}
                onConfirm={() =>
                  attempt(
                    () => setRole({ userId: id, role: "user" }),
                    m.admin_demoted,
                  )
                }
              >
                {m.admin_demote()}
              </ConfirmButton>
            )
          )}
          {user.role === "user" && !user.disabled && (
            <ConfirmButton
              title={m.admin_view_as_title({ email: user.email })}
              description={m.admin_view_as_description()}
              confirmLabel={m.admin_view_as()}
              onConfirm={async () => {
                const { error } = await startViewingAs(authClient, user.authId);
                if (error) return describeAuthError(error);
                await navigate({ to: "/" });
              }}
            >
              {m.admin_view_as()}
            </ConfirmButton>
          )}
          {!self && (
            <ConfirmButton
              title={
                user.disabled
                  ? m.admin_enable_title({ email: user.email })
                  : m.admin_disable_title({ email: user.email })
              }
              description={
                user.disabled
                  ? m.admin_enable_description()
                  : m.admin_disable_description()
              }
              confirmLabel={
                user.disabled ? m.admin_enable() : m.admin_disable()
              }
              onConfirm={() =>
                attempt(
                  () => setDisabled({ userId: id, disabled: !user.disabled }),
                  user.disabled ? m.admin_enabled : m.admin_disabled,
                )
              }
            >
              {user.disabled ? m.admin_enable() : m.admin_disable()}
            </ConfirmButton>
          )}
          <ConfirmButton
            title={m.admin_revoke_title({ email: user.email })}
            description={
              self
                ? m.admin_revoke_description_self()
                : m.admin_revoke_description()
            }
            confirmLabel={m.admin_revoke()}
            onConfirm={() =>
              attempt(() => revokeSessions({ userId: id }), m.admin_revoked)
            }
          >
            {m.admin_revoke()}
          </ConfirmButton>
          {!self && (
            <ConfirmButton
              variant="destructive"
              destructive
              title={m.admin_delete_title({ email: user.email })}
              description={m.admin_delete_description()}
              confirmLabel={m.admin_delete()}
              onConfirm={async () => {
                const failed = await attempt(
                  () => deleteUser({ userId: id }),
                  m.admin_deleted,
                );
                if (!failed) onClose();
                return failed;
              }}
            >
              {m.admin_delete()}
            </ConfirmButton>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
