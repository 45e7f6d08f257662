import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { ErrorMessage } from "@/components/Form";
import { roleInSentence } from "@/components/org/permissions";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Button } from "@/components/ui/button";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";

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
      notify(how === "accept" ? `You joined ${name}` : "Invitation declined");
    } catch (caught) {
      setError(describeConvexError(caught));
    }
  };

  return (
    <SettingsCard
      title="Your invitations"
      description="Organizations that invited your email address."
    >
      <ul className="divide-y rounded-md border" aria-label="Your invitations">
        {invitations.map((invitation) => (
          <li
            key={invitation.id}
            className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
          >
            <span className="min-w-0">
              <strong className="wrap-anywhere">
                {invitation.organizationName}
              </strong>{" "}
              as {roleInSentence(invitation.role)}
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
                Join
                <span className="sr-only"> {invitation.organizationName}</span>
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
                Decline
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <ErrorMessage message={error} />
    </SettingsCard>
  );
}
