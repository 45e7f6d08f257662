import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { DevMailboxHint } from "@/components/DevMailboxHint";
import {
  can,
  roleHint,
  roleText,
  selectClass,
  type ActiveOrg,
} from "@/components/org/permissions";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { describeConvexError } from "@/lib/authErrors";
import { formatDateTime } from "@/lib/format";
import { notify } from "@/lib/toast";
import { m } from "@/paraglide/messages";
import { emailProblem } from "@/lib/validation";

/** Invite by email with a role; pending invitations can be resent or cancelled. */
export function Invitations({ org }: { org: ActiveOrg }) {
  const invitations = useQuery(api.invitations.list);
  const invite = useMutation(api.invitations.invite);
  const resend = useMutation(api.invitations.resend);
  const cancel = useMutation(api.invitations.cancel);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [rowError, setRowError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<{
    id: string;
    email: string;
  } | null>(null);
  const roles =
    org.role === "owner" ? ["member", "admin", "owner"] : ["member", "admin"];

  const submit = useFormAction(async () => {
    const problem = emailProblem(email);
    if (problem) return problem;
    try {
      await invite({ email: email.trim(), role });
    } catch (error) {
      return describeConvexError(error);
    }
    notify(m.team_invitation_sent({ email: email.trim() }));
    setEmail("");
  });

  const again = async (id: string, to: string) => {
    setRowError(null);
    try {
      await resend({ invitationId: id });
      notify(m.team_invitation_resent({ email: to }));
    } catch (error) {
      setRowError(describeConvexError(error));
    }
  };

  return (
    <SettingsCard
      title={m.team_invitations_title()}
      description={m.team_invitations_description()}
    >
      <form onSubmit={submit.onSubmit} className={inlineForm}>
        <Field
          label={m.team_invite_email()}
          className="grid flex-1 gap-2"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="grid gap-2">
          <Label htmlFor="invite-role">{m.team_invite_role()}</Label>
          <select
            id="invite-role"
            className={selectClass}
            value={role}
            onChange={(event) => setRole(event.target.value)}
          >
            {roles.map((name) => (
              <option key={name} value={name}>
                {roleText(name)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={submit.pending}>
          {m.team_invite_submit()}
        </Button>
      </form>
      <p className="-mt-2 text-sm text-muted-foreground">{roleHint(role)}</p>
      <ErrorMessage message={submit.error} />
      <DevMailboxHint />
      {invitations && invitations.length > 0 && (
        <ul
          className="divide-y rounded-md border"
          aria-label={m.team_invitations_pending()}
        >
          {invitations.map((invitation) => (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
            >
              <span className="min-w-0">
                <span className="block break-all">{invitation.email}</span>
                <span className="block text-muted-foreground">
                  {roleText(invitation.role)} ·{" "}
                  <span className="whitespace-nowrap">
                    {invitation.expired
                      ? m.team_invitation_expired()
                      : m.team_invitation_expires({
                          date: formatDateTime(invitation.expiresAt),
                        })}
                  </span>
                </span>
              </span>
              <span className="flex gap-2">
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => void again(invitation.id, invitation.email)}
                >
                  {m.team_invitation_resend()}
                </Button>
                {can(org, "invitation", "cancel") && (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => setCancelling(invitation)}
                  >
                    {m.team_invitation_cancel()}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage message={rowError} />
      <ConfirmDialog
        open={cancelling !== null}
        onOpenChange={(open) => !open && setCancelling(null)}
        title={m.team_cancel_invitation_title()}
        description={
          cancelling
            ? m.team_cancel_invitation_description({ email: cancelling.email })
            : m.team_cancel_invitation_description_them()
        }
        confirmLabel={m.team_cancel_invitation_confirm()}
        destructive
        onConfirm={async () => {
          if (!cancelling) return;
          try {
            await cancel({ invitationId: cancelling.id });
          } catch (error) {
            return describeConvexError(error);
          }
          notify(m.team_invitation_cancelled());
        }}
      />
    </SettingsCard>
  );
}
