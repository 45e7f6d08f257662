import { Link, useNavigate } from "@tanstack/react-router";
import { useMutation, useQuery } from "convex/react";
import { Mail } from "lucide-react";
import { api } from "../../../convex/_generated/api";
import { selectClass } from "@/components/org/permissions";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";
import { m } from "@/paraglide/messages";

const NEW = "__new__";
const NONE = "";

/**
 * The header's organization switcher (loaded after the first paint, so it
 * costs the first bundle nothing). The choice is stored on the session,
 * so every tab and a reload follow it, and every organization query re-runs.
 */
export default function OrgSwitcher() {
  const orgs = useQuery(api.organizations.mine);
  const invitations = useQuery(api.invitations.mine);
  const setActive = useMutation(api.organizations.setActive);
  const navigate = useNavigate();
  if (orgs === undefined) return null;
  const active = orgs.find((org) => org.active)?.id ?? NONE;

  const choose = async (value: string) => {
    if (value === NEW) {
      await navigate({ to: "/team", search: { create: true } });
      return;
    }
    try {
      await setActive({ organizationId: value || null });
      await navigate({ to: "/team", search: {} });
    } catch (error) {
      notify(describeConvexError(error), "error");
    }
  };

  return (
    <div className="flex items-center gap-1">
      {invitations && invitations.length > 0 && (
        <Link
          to="/team"
          className="flex h-9 items-center gap-1 rounded-md px-2 text-sm font-medium text-primary outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50"
          aria-label={m.team_pending_invitations({
            count: invitations.length,
          })}
        >
          <Mail className="size-4" aria-hidden />
          {invitations.length}
        </Link>
      )}
      <select
        aria-label={m.team_switcher_label()}
        className={`${selectClass} max-w-40 sm:max-w-56`}
        value={active}
        onChange={(event) => void choose(event.target.value)}
      >
        <option value={NONE}>{m.team_switcher_none()}</option>
        {orgs.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
        <option value={NEW}>{m.team_switcher_new()}</option>
      </select>
    </div>
  );
}
