import { useMutation, useQuery } from "convex/react";
import { Trash2 } from "lucide-react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import { MAX_PROJECT_NAME_LENGTH } from "../../../convex/validation";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { can, type ActiveOrg } from "@/components/org/permissions";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Button } from "@/components/ui/button";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";
import { m } from "@/paraglide/messages";

/** The organization-scoped example resource (convex/projects.ts). */
export function Projects({ org }: { org: ActiveOrg }) {
  const projects = useQuery(api.projects.list);
  const create = useMutation(api.projects.create);
  const remove = useMutation(api.projects.remove);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<{
    id: Id<"projects">;
    name: string;
  } | null>(null);

  const add = useFormAction(async () => {
    try {
      await create({ name });
      setName("");
    } catch (error) {
      return describeConvexError(error);
    }
  });

  return (
    <SettingsCard
      title={m.team_projects_title()}
      description={m.team_projects_description({ org: org.name })}
    >
      {can(org, "project", "create") && (
        <form onSubmit={add.onSubmit} className={inlineForm}>
          <Field
            label={m.team_project_name()}
            className="grid flex-1 gap-2"
            maxLength={MAX_PROJECT_NAME_LENGTH}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" disabled={add.pending}>
            {m.team_project_add()}
          </Button>
        </form>
      )}
      <ErrorMessage message={add.error} />
      {projects === undefined ? (
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      ) : projects.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          {m.team_projects_empty()}
        </p>
      ) : (
        <ul
          className="divide-y rounded-md border"
          aria-label={m.team_projects_title()}
        >
          {projects.map((project) => (
            <li
              key={project.id}
              className="flex min-h-11 items-center justify-between gap-3 py-1 pr-1 pl-3 text-sm"
            >
              <span className="min-w-0 wrap-anywhere">{project.name}</span>
              {can(org, "project", "delete") && (
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={m.team_project_delete_label({
                    name: project.name,
                  })}
                  onClick={() => setDeleting(project)}
                >
                  <Trash2 />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={
          deleting
            ? m.team_project_delete_title({ name: deleting.name })
            : m.team_project_delete_title_fallback()
        }
        description={m.team_project_delete_description({ org: org.name })}
        confirmLabel={m.team_project_delete_confirm()}
        destructive
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await remove({ projectId: deleting.id });
          } catch (error) {
            return describeConvexError(error);
          }
          notify(m.team_project_deleted());
        }}
      />
    </SettingsCard>
  );
}
