import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { ErrorBoundary } from "@/components/ErrorBoundary";
import { ErrorMessage } from "@/components/Form";
import { Page } from "@/components/Page";
import { SessionEnded } from "@/components/SessionEnded";
import { CreateOrganization } from "@/components/org/CreateOrganization";
import { Invitations } from "@/components/org/Invitations";
import { Members } from "@/components/org/Members";
import { MyInvitations } from "@/components/org/MyInvitations";
import {
  DeleteOrganization,
  RenameOrganization,
} from "@/components/org/OrganizationSettings";
import {
  can,
  LONG_LABEL,
  roleText,
  type ActiveOrg,
} from "@/components/org/permissions";
import { Projects } from "@/components/org/Projects";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { m } from "@/paraglide/messages";

/**
 * The active organization: its projects, members, invitations and
 * settings, each shown only to roles that may use it. Without one: create
 * an organization, or join one you were invited to ("create or join": see
 * the README's Organizations section).
 */
export default function Team() {
  const me = useQuery(api.users.me);
  const org = useQuery(api.organizations.active);
  const { create } = useSearch({ from: "/signed-in/team" });
  const navigate = useNavigate();
  if (me === null) return <SessionEnded />;
  if (me === undefined || org === undefined) {
    return (
      <Page>
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      </Page>
    );
  }
  if (org === null || create) {
    return (
      <Page>
        <h1 className="text-2xl font-semibold tracking-tight">
          {org ? m.team_new_organization() : m.team_organizations()}
        </h1>
        {!org && (
          <p className="text-sm text-muted-foreground">{m.team_none_intro()}</p>
        )}
        <MyInvitations />
        <CreateOrganization
          onDone={() => void navigate({ to: "/team", search: {} })}
        />
        {org && (
          <Link
            to="/team"
            search={{}}
            // Merged, so LONG_LABEL's wrapping wins over the button's.
            className={cn(buttonVariants({ variant: "outline" }), LONG_LABEL)}
          >
            {m.team_back_to({ name: org.name })}
          </Link>
        )}
      </Page>
    );
  }
  // Keyed: a switch starts the organization's sections afresh.
  return <Organization key={org.id} org={org} />;
}

function Organization({ org }: { org: ActiveOrg }) {
  return (
    <Page>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold tracking-tight break-all">
          {org.name}
        </h1>
        <Badge variant="secondary" data-testid="org-role">
          {roleText(org.role)}
        </Badge>
        <span className="text-sm text-muted-foreground">{org.slug}</span>
      </div>
      {/* A removed member's queries fail with NOT_A_MEMBER as `active`
          turns null; a section rendered in between says so. */}
      <ErrorBoundary
        fallback={<ErrorMessage message={m.team_not_member_any_more()} />}
      >
        <MyInvitations />
        <Projects org={org} />
        <Members org={org} />
        {can(org, "invitation", "create") && <Invitations org={org} />}
        <RenameOrganization org={org} />
        <DeleteOrganization org={org} />
      </ErrorBoundary>
    </Page>
  );
}
