import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import {
  MAX_ORG_NAME_LENGTH,
  orgNameProblem,
  slugFromName,
  slugProblem,
} from "../../../convex/validation";
import { ErrorMessage, Field, Form, useFormAction } from "@/components/Form";
import { SettingsCard } from "@/components/settings/SettingsCard";
import { Button } from "@/components/ui/button";
import { describeConvexError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";

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
    notify(`Created ${name.trim()}`);
    onDone?.();
  });

  return (
    <SettingsCard
      title="Create an organization"
      description="A shared space: its members see its projects. You'll be its owner and can invite others."
    >
      <Form onSubmit={submit.onSubmit}>
        <Field
          label="Name"
          value={name}
          maxLength={MAX_ORG_NAME_LENGTH}
          placeholder="Acme Inc."
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label="Slug"
          value={shownSlug}
          maxLength={40}
          placeholder="acme"
          aria-describedby="slug-hint"
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value.toLowerCase());
          }}
        />
        <p id="slug-hint" className="-mt-2 text-sm text-muted-foreground">
          Unique: lower-case letters, digits and dashes. It can't change later.
        </p>
        <ErrorMessage message={submit.error} />
        <Button type="submit" disabled={submit.pending} className="self-start">
          Create organization
        </Button>
      </Form>
    </SettingsCard>
  );
}
