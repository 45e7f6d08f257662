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
  roleInSentence,
  roleText,
  selectClass,
  type ActiveOrg,
} from "@/components/org/permissions";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";
import { m } from "@/paraglide/messages";

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
      notify(
        m.team_member_role_changed({
          name: member.name,
          role: roleInSentence(role),
        }),
      );
    } catch (caught) {
      setError(describeConvexError(caught));
    }
  };

  const confirm = async (): Promise<string | void> => {
    if (!pending) return;
    try {
      if (pending.kind === "leave") {
        await leave({});
        notify(m.team_left({ name: org.name }));
        await navigate({ to: "/team" });
      } else if (pending.kind === "remove") {
        await removeMember({ memberId: pending.member.id });
        notify(m.team_member_removed({ name: pending.member.name }));
      } else {
        await transfer({ memberId: pending.member.id });
        notify(m.team_member_now_owner({ name: pending.member.name }));
      }
    } catch (caught) {
      return describeConvexError(caught);
    }
  };

  const destructive = pending?.kind !== "transfer";
  const dialog =
    pending?.kind === "leave"
      ? {
          title: m.team_leave_title({ name: org.name }),
          description: m.team_leave_description(),
          confirmLabel: m.team_leave_confirm(),
        }
      : pending?.kind === "remove"
        ? {
            title: m.team_remove_title({ name: pending.member.name }),
            description: m.team_remove_description({ org: org.name }),
            confirmLabel: m.team_remove_confirm(),
          }
        : {
            title: pending
              ? m.team_transfer_title({ name: pending.member.name })
              : m.team_transfer_title_them(),
            description: m.team_transfer_description(),
            confirmLabel: m.team_transfer_confirm(),
          };

  return (
    <SettingsCard
      title={m.team_members_title()}
      description={m.team_members_description({
        count: org.memberCount,
        role: roleInSentence(org.role),
      })}
    >
      {members === undefined ? (
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      ) : (
        <ul
          className="divide-y rounded-md border"
          aria-label={m.team_members_title()}
        >
          {members.map((member) => (
            <li
              key={member.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
            >
              <span className="min-w-0">
                <span className="font-medium wrap-anywhere">{member.name}</span>
                {member.isYou && (
                  <span className="text-muted-foreground">
                    {" "}
                    {m.team_member_you()}
                  </span>
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
                    aria-label={m.team_member_role_label({ name: member.name })}
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
                        {roleText(role)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <Badge variant="secondary">{roleText(member.role)}</Badge>
                )}
                {isOwner && !member.isYou && member.role !== "owner" && (
                  <Button
                    size="sm"
                    variant="outline"
                    className="flex-1 sm:flex-none"
                    onClick={() => setPending({ kind: "transfer", member })}
                  >
                    {m.team_member_make_owner()}
                  </Button>
                )}
                {mayManage(member) && can(org, "member", "delete") && (
                  <Button
                    size="sm"
                    variant="outline"
                    className="flex-1 sm:flex-none"
                    onClick={() => setPending({ kind: "remove", member })}
                  >
                    {m.team_member_remove()}
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
          {m.team_members_truncated({
            shown: members.length,
            total: org.memberCount,
          })}
        </p>
      )}
      <ErrorMessage message={error} />
      <Button
        variant="outline"
        className={LONG_LABEL}
        onClick={() => setPending({ kind: "leave" })}
      >
        {m.team_leave({ name: org.name })}
      </Button>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        {...dialog}
        destructive={destructive}
        onConfirm={confirm}
      />
    </SettingsCard>
  );
}
