import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { MAX_ORG_NAME_LENGTH, slugFromName } from "../../../convex/validation";
import { orgNameProblem, slugProblem } from "@/lib/validation";
import { ErrorMessage, Field, Form, useFormAction } from "@/components/Form";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Button } from "@/components/ui/button";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";
import { m } from "@/paraglide/messages";

/** Name and slug; the slug follows the name until it is edited. */
export function CreateOrganization({ onDone }: { onDone?: () => void }) {
  const create = useMutation(api.organizations.create);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const shownSlug = slugEdited ? slug : slugFromName(name);

  const submit = useFormAction(async () => {
    const problem = orgNameProblem(name) ?? slugProblem(shownSlug);
    if (problem) return problem;
    try {
      await create({ name: name.trim(), slug: shownSlug });
    } catch (error) {
      return describeConvexError(error);
    }
    notify(m.team_created({ name: name.trim() }));
    onDone?.();
  });

  return (
    <SettingsCard
      title={m.team_create_title()}
      description={m.team_create_description()}
    >
      <Form onSubmit={submit.onSubmit}>
        <Field
          label={m.team_create_name()}
          value={name}
          maxLength={MAX_ORG_NAME_LENGTH}
          placeholder={m.team_create_name_placeholder()}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label={m.team_create_slug()}
          value={shownSlug}
          maxLength={40}
          placeholder={m.team_create_slug_placeholder()}
          aria-describedby="slug-hint"
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value.toLowerCase());
          }}
        />
        <p id="slug-hint" className="-mt-2 text-sm text-muted-foreground">
          {m.team_create_slug_hint()}
        </p>
        <ErrorMessage message={submit.error} />
        <Button type="submit" disabled={submit.pending} className="self-start">
          {m.team_create_submit()}
        </Button>
      </Form>
    </SettingsCard>
  );
}
