import { useNavigate } from "@tanstack/react-router";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { ErrorMessage } from "@/components/Form";
import {
  can,
  LONG_LABEL,
  ROLE_TEXT,
  roleInSentence,
  selectClass,
  type ActiveOrg,
} from "@/components/org/permissions";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";

type Member = FunctionReturnType<typeof api.organizations.members>[number];

type Pending =
  { kind: "remove" | "transfer"; member: Member } | { kind: "leave" };

/**
 * Members and their roles. Only an owner changes an owner or makes one;
 * nobody changes their own role (convex/organizations.ts has the rules).
 */
export function Members({ org }: { org: ActiveOrg }) {
  const members = useQuery(api.organizations.members);
  const setRole = useMutation(api.organizations.setRole);
  const removeMember = useMutation(api.organizations.removeMember);
  const transfer = useMutation(api.organizations.transferOwnership);
  const leave = useMutation(api.organizations.leave);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const isOwner = org.role === "owner";
  const mayManage = (member: Member) =>
    !member.isYou &&
    can(org, "member", "update") &&
    (isOwner || member.role !== "owner");

  const changeRole = async (member: Member, role: string) => {
    setError(null);
    try {
      await setRole({ memberId: member.id, role });
      notify(`${member.name} is now ${roleInSentence(role)}`);
    } catch (caught) {
      setError(describeConvexError(caught));
    }
  };

  const confirm = async (): Promise<string | void> => {
    if (!pending) return;
    try {
      if (pending.kind === "leave") {
        await leave({});
        notify(`You left ${org.name}`);
        await navigate({ to: "/team" });
      } else if (pending.kind === "remove") {
        await removeMember({ memberId: pending.member.id });
        notify(`${pending.member.name} was removed`);
      } else {
        await transfer({ memberId: pending.member.id });
        notify(`${pending.member.name} is now the owner`);
      }
    } catch (caught) {
      return describeConvexError(caught);
    }
  };

  const dialog =
    pending?.kind === "leave"
      ? {
          title: `Leave ${org.name}?`,
          description:
            "You lose access to its projects at once. To come back, someone has to invite you again.",
          confirmLabel: "Leave organization",
        }
      : pending?.kind === "remove"
        ? {
            title: `Remove ${pending.member.name}?`,
            description: `They lose access to ${org.name} at once, in every open tab.`,
            confirmLabel: "Remove member",
          }
        : {
            title: `Make ${pending?.member.name ?? "them"} the owner?`,
            description:
              "They get every permission, including deleting the organization. You become an admin.",
            confirmLabel: "Transfer ownership",
          };

  return (
    <SettingsCard
      title="Members"
      description={`${org.memberCount} ${org.memberCount === 1 ? "member" : "members"}. You're ${roleInSentence(org.role)}.`}
    >
      {members === undefined ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Members">
          {members.map((member) => (
            <li
              key={member.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
            >
              <span className="min-w-0">
                <span className="font-medium wrap-anywhere">{member.name}</span>
                {member.isYou && (
                  <span className="text-muted-foreground"> (you)</span>
                )}
                <span className="block break-all text-muted-foreground">
                  {member.email}
                </span>
              </span>
              {/* At phone widths: the role on a line of its own, the
                  buttons sharing the next. */}
              <span className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
                {mayManage(member) ? (
                  <select
                    aria-label={`Role of ${member.name}`}
                    className={`${selectClass} w-full sm:w-auto`}
                    value={member.role}
                    onChange={(event) =>
                      void changeRole(member, event.target.value)
                    }
                  >
                    {(isOwner
                      ? ["owner", "admin", "member"]
                      : ["admin", "member"]
                    ).map((role) => (
                      <option key={role} value={role}>
                        {ROLE_TEXT[role]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <Badge variant="secondary">
                    {ROLE_TEXT[member.role] ?? member.role}
                  </Badge>
                )}
                {isOwner && !member.isYou && member.role !== "owner" && (
                  <Button
                    size="sm"
                    variant="outline"
                    className="flex-1 sm:flex-none"
                    onClick={() => setPending({ kind: "transfer", member })}
                  >
                    Make owner
                  </Button>
                )}
                {mayManage(member) && can(org, "member", "delete") && (
                  <Button
                    size="sm"
                    variant="outline"
                    className="flex-1 sm:flex-none"
                    onClick={() => setPending({ kind: "remove", member })}
                  >
                    Remove
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {members && members.length < org.memberCount && (
        // convex/model/organizations.ts: LIST_LIMIT.
        <p className="text-sm text-muted-foreground">
          Showing the first {members.length} of {org.memberCount} members.
        </p>
      )}
      <ErrorMessage message={error} />
      <Button
        variant="outline"
        className={LONG_LABEL}
        onClick={() => setPending({ kind: "leave" })}
      >
        Leave {org.name}
      </Button>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        {...dialog}
        destructive={pending?.kind !== "transfer"}
        onConfirm={confirm}
      />
    </SettingsCard>
  );
}
