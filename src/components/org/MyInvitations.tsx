import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { ErrorMessage } from "@/components/Form";
import { roleInSentence } from "@/components/org/permissions";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Button } from "@/components/ui/button";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";
import { m } from "@/paraglide/messages";

/** Invitations to the signed-in address, answered here or from the email. */
export function MyInvitations() {
  const invitations = useQuery(api.invitations.mine);
  const accept = useMutation(api.invitations.accept);
  const decline = useMutation(api.invitations.decline);
  const [error, setError] = useState<string | null>(null);
  if (!invitations || invitations.length === 0) return null;

  const answer = async (
    id: string,
    name: string,
    how: "accept" | "decline",
  ) => {
    setError(null);
    try {
      if (how === "accept") await accept({ invitationId: id });
      else await decline({ invitationId: id });
      notify(
        how === "accept"
          ? m.team_joined({ name })
          : m.team_invitation_declined(),
      );
    } catch (caught) {
      setError(describeConvexError(caught));
    }
  };

  return (
    <SettingsCard
      title={m.team_my_invitations_title()}
      description={m.team_my_invitations_description()}
    >
      <ul
        className="divide-y rounded-md border"
        aria-label={m.team_my_invitations_title()}
      >
        {invitations.map((invitation) => (
          <li
            key={invitation.id}
            className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
          >
            <span className="min-w-0">
              <strong className="wrap-anywhere">
                {invitation.organizationName}
              </strong>{" "}
              {m.team_invitation_as_role({
                role: roleInSentence(invitation.role),
              })}
            </span>
            <span className="flex gap-2">
              <Button
                size="sm"
                onClick={() =>
                  void answer(
                    invitation.id,
                    invitation.organizationName,
                    "accept",
                  )
                }
              >
                <span aria-hidden>{m.team_invitation_join()}</span>
                <span className="sr-only">
                  {m.team_invitation_join_named({
                    name: invitation.organizationName,
                  })}
                </span>
              </Button>
              <Button
                size="sm"
                variant="outline"
                onClick={() =>
                  void answer(
                    invitation.id,
                    invitation.organizationName,
                    "decline",
                  )
                }
              >
                {m.team_invitation_decline()}
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <ErrorMessage message={error} />
    </SettingsCard>
  );
}
