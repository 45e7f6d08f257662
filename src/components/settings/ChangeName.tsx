import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { notify } from "@/lib/toast";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";

export function ChangeName() {
  const authClient = useAuthClient();
  const me = useQuery(api.users.me);
  const [name, setName] = useState<string | null>(null);
  const save = useFormAction(async () => {
    const { error } = await authClient.updateUser({
      name: (name ?? "").trim(),
    });
    if (error) return describeAuthError(error);
    notify("Name saved");
  });
  return (
    <SettingsCard title="Name" description="How the app greets you.">
      <form onSubmit={save.onSubmit} className={inlineForm}>
        <Field
          label="Name"
          className="grid flex-1 gap-2"
          autoComplete="name"
          value={name ?? me?.name ?? ""}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" disabled={save.pending}>
          Save name
        </Button>
      </form>
      <ErrorMessage message={save.error} />
    </SettingsCard>
  );
}
