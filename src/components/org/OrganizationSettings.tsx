import { useNavigate } from "@tanstack/react-router";
import { useMutation } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "../../../convex/_generated/api";
import { MAX_ORG_NAME_LENGTH } from "../../../convex/validation";
import { orgNameProblem } from "@/lib/validation";
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

export function RenameOrganization({ org }: { org: ActiveOrg }) {
  const rename = useMutation(api.organizations.rename);
  const [name, setName] = useState(org.name);
  const submit = useFormAction(async () => {
    const problem = orgNameProblem(name);
    if (problem) return problem;
    try {
      await rename({ name: name.trim() });
    } catch (error) {
      return describeConvexError(error);
    }
    notify(m.team_renamed());
  });
  if (!can(org, "organization", "update")) return null;
  return (
    <SettingsCard
      title={m.team_rename_title()}
      description={m.team_rename_description({ slug: org.slug })}
    >
      <form onSubmit={submit.onSubmit} className={inlineForm}>
        <Field
          label={m.team_rename_label()}
          className="grid flex-1 gap-2"
          maxLength={MAX_ORG_NAME_LENGTH}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" variant="outline" disabled={submit.pending}>
          {m.team_rename_submit()}
        </Button>
      </form>
      <ErrorMessage message={submit.error} />
    </SettingsCard>
  );
}

/** Owners only; typing the slug is the confirmation the server checks too. */
export function DeleteOrganization({ org }: { org: ActiveOrg }) {
  const remove = useMutation(api.organizations.remove);
  const navigate = useNavigate();
  const [typed, setTyped] = useState("");
  const [asking, setAsking] = useState(false);
  if (!can(org, "organization", "delete")) return null;
  const ask = (event: FormEvent) => {
    event.preventDefault();
    setAsking(true);
  };
  return (
    <SettingsCard
      title={m.team_delete_title()}
      description={m.team_delete_description()}
      danger
    >
      <form onSubmit={ask} className={inlineForm}>
        <Field
          label={m.team_delete_type_slug({ slug: org.slug })}
          className="grid flex-1 gap-2"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <Button
          type="submit"
          variant="destructive"
          disabled={typed.trim() !== org.slug}
        >
          {m.team_delete_submit()}
        </Button>
      </form>
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={m.team_delete_confirm_title({ name: org.name })}
        description={m.team_delete_confirm_description()}
        confirmLabel={m.team_delete_confirm()}
        destructive
        onConfirm={async () => {
          try {
            await remove({ confirmSlug: typed.trim() });
          } catch (error) {
            return describeConvexError(error);
          }
          notify(m.team_deleted({ name: org.name }));
          await navigate({ to: "/team", search: {} });
        }}
      />
    </SettingsCard>
  );
}
