import { useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { useNavigate } from "@tanstack/react-router";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";

/**
 * Deletes the Better Auth user; the onDelete trigger removes the app row and
 * all the user's data in the same transaction.
 */
export function DeleteAccount() {
  const authClient = useAuthClient();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const remove = useFormAction(async () => {
    if (!window.confirm("Delete your account and all its data for good?"))
      return;
    // Accounts without a password (magic link, social) need a recent sign-in.
    const { error } = await authClient.deleteUser(password ? { password } : {});
    if (error) return describeAuthError(error);
    await authClient.signOut().catch(() => undefined);
    await navigate({ to: "/sign-in", replace: true });
  });
  return (
    <SettingsCard
      title="Delete account"
      description="This removes your account, your sessions and all your notes."
      danger
    >
      <form onSubmit={remove.onSubmit} className={inlineForm}>
        <Field
          label="Password to confirm"
          className="grid flex-1 gap-2"
          type="password"
          autoComplete="current-password"
          required={false}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" variant="destructive" disabled={remove.pending}>
          Delete my account
        </Button>
      </form>
      <ErrorMessage message={remove.error} />
    </SettingsCard>
  );
}
