import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import {
  ErrorMessage,
  Field,
  Notice,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";

export function ChangeName() {
  const authClient = useAuthClient();
  const me = useQuery(api.users.me);
  const [name, setName] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useFormAction(async () => {
    setSaved(false);
    const { error } = await authClient.updateUser({
      name: (name ?? "").trim(),
    });
    if (error) return describeAuthError(error);
    setSaved(true);
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
      {saved && <Notice>Name saved.</Notice>}
    </SettingsCard>
  );
}
