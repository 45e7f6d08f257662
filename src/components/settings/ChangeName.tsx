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
import { m } from "@/paraglide/messages";

export function ChangeName() {
  const authClient = useAuthClient();
  const me = useQuery(api.users.me);
  const [name, setName] = useState<string | null>(null);
  const save = useFormAction(async () => {
    const { error } = await authClient.updateUser({
      name: (name ?? "").trim(),
    });
    if (error) return describeAuthError(error);
    notify(m.settings_name_saved());
  });
  return (
    <SettingsCard
      title={m.settings_name_title()}
      description={m.settings_name_description()}
    >
      <form onSubmit={save.onSubmit} className={inlineForm}>
        <Field
          label={m.settings_name_label()}
          className="grid flex-1 gap-2"
          autoComplete="name"
          value={name ?? me?.name ?? ""}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" disabled={save.pending}>
          {m.settings_name_submit()}
        </Button>
      </form>
      <ErrorMessage message={save.error} />
    </SettingsCard>
  );
}
