import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { emailProblem } from "../../../convex/validation";
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
  ROLE_HINT,
  ROLE_TEXT,
  selectClass,
  type ActiveOrg,
} from "@/components/org/permissions";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";

// In the browser's locale and time zone, to the minute.
const expiry = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});

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
    notify(`Invitation sent to ${email.trim()}`);
    setEmail("");
  });

  const again = async (id: string, to: string) => {
    setRowError(null);
    try {
      await resend({ invitationId: id });
      notify(`Invitation sent again to ${to}`);
    } catch (error) {
      setRowError(describeConvexError(error));
    }
  };

  return (
    <SettingsCard
      title="Invitations"
      description="People join by the link in their invitation email, signed in with the invited address. Links expire after 48 hours."
    >
      <form onSubmit={submit.onSubmit} className={inlineForm}>
        <Field
          label="Email address"
          className="grid flex-1 gap-2"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="grid gap-2">
          <Label htmlFor="invite-role">Role</Label>
          <select
            id="invite-role"
            className={selectClass}
            value={role}
            onChange={(event) => setRole(event.target.value)}
          >
            {roles.map((name) => (
              <option key={name} value={name}>
                {ROLE_TEXT[name]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={submit.pending}>
          Send invitation
        </Button>
      </form>
      <p className="-mt-2 text-sm text-muted-foreground">
        {ROLE_TEXT[role]}s can {ROLE_HINT[role]}.
      </p>
      <ErrorMessage message={submit.error} />
      <DevMailboxHint />
      {invitations && invitations.length > 0 && (
        <ul
          className="divide-y rounded-md border"
          aria-label="Pending invitations"
        >
          {invitations.map((invitation) => (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
            >
              <span className="min-w-0">
                <span className="block break-all">{invitation.email}</span>
                <span className="block text-muted-foreground">
                  {ROLE_TEXT[invitation.role] ?? invitation.role} ·{" "}
                  <span className="whitespace-nowrap">
                    {invitation.expired
                      ? "expired"
                      : `expires ${expiry.format(invitation.expiresAt)}`}
                  </span>
                </span>
              </span>
              <span className="flex gap-2">
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => void again(invitation.id, invitation.email)}
                >
                  Resend
                </Button>
                {can(org, "invitation", "cancel") && (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => setCancelling(invitation)}
                  >
                    Cancel
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
        title="Cancel this invitation?"
        description={`The link sent to ${cancelling?.email ?? "them"} stops working.`}
        confirmLabel="Cancel invitation"
        destructive
        onConfirm={async () => {
          if (!cancelling) return;
          try {
            await cancel({ invitationId: cancelling.id });
          } catch (error) {
            return describeConvexError(error);
          }
          notify("Invitation cancelled");
        }}
      />
    </SettingsCard>
  );
}
