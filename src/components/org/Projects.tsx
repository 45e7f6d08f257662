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
      title="Projects"
      description={`Shared by everyone in ${org.name}, and only by them.`}
    >
      {can(org, "project", "create") && (
        <form onSubmit={add.onSubmit} className={inlineForm}>
          <Field
            label="Project name"
            className="grid flex-1 gap-2"
            maxLength={MAX_PROJECT_NAME_LENGTH}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" disabled={add.pending}>
            Add project
          </Button>
        </form>
      )}
      <ErrorMessage message={add.error} />
      {projects === undefined ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : projects.length === 0 ? (
        <p className="text-sm text-muted-foreground">No projects yet.</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Projects">
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
                  aria-label={`Delete project: ${project.name}`}
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
        title={`Delete ${deleting?.name ?? "project"}?`}
        description={`It's deleted for everyone in ${org.name}.`}
        confirmLabel="Delete project"
        destructive
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await remove({ projectId: deleting.id });
          } catch (error) {
            return describeConvexError(error);
          }
          notify("Project deleted");
        }}
      />
    </SettingsCard>
  );
}
