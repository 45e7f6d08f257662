import { useNavigate } from "@tanstack/react-router";
import { useMutation } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "../../../convex/_generated/api";
import {
  MAX_ORG_NAME_LENGTH,
  orgNameProblem,
} from "../../../convex/validation";
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
    notify("Organization renamed");
  });
  if (!can(org, "organization", "update")) return null;
  return (
    <SettingsCard title="Name" description={`Its slug, ${org.slug}, stays.`}>
      <form onSubmit={submit.onSubmit} className={inlineForm}>
        <Field
          label="Organization name"
          className="grid flex-1 gap-2"
          maxLength={MAX_ORG_NAME_LENGTH}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" variant="outline" disabled={submit.pending}>
          Rename
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
      title="Delete organization"
      description="Its projects, members and invitations are deleted for everyone, for good."
      danger
    >
      <form onSubmit={ask} className={inlineForm}>
        <Field
          label={`Type ${org.slug} to confirm`}
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
          Delete organization
        </Button>
      </form>
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={`Delete ${org.name}?`}
        description="Everyone loses access at once. This can't be undone."
        confirmLabel="Delete organization"
        destructive
        onConfirm={async () => {
          try {
            await remove({ confirmSlug: typed.trim() });
          } catch (error) {
            return describeConvexError(error);
          }
          notify(`${org.name} was deleted`);
          await navigate({ to: "/team", search: {} });
        }}
      />
    </SettingsCard>
  );
}
