import { useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { notify } from "@/lib/toast";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Field, inlineForm } from "@/components/Form";
import { Button } from "@/components/ui/button";
import { useAccountMethods } from "@/components/settings/accountMethods";
import { SettingsCard } from "@/components/settings/SettingsCard";
import {
  SignInAgain,
  needsFreshSignIn,
} from "@/components/settings/SignInAgain";
import { m } from "@/paraglide/messages";

/**
 * Deletes the Better Auth user; the onDelete trigger removes the app row and
 * all the user's data in the same transaction. With a password, Better Auth
 * checks it; without one, it asks for a session started in the last day
 * (`freshAge`), else answers SESSION_EXPIRED: then a fresh sign-in.
 */
export function DeleteAccount() {
  const authClient = useAuthClient();
  const navigate = useNavigate();
  const { hasPassword } = useAccountMethods();
  const [password, setPassword] = useState("");
  const [asking, setAsking] = useState(false);
  const [stale, setStale] = useState(false);

  const remove = async (): Promise<string | void> => {
    setStale(false);
    const { error } = await authClient.deleteUser(
      hasPassword ? { password } : {},
    );
    if (needsFreshSignIn(error)) return void setStale(true);
    if (error) return describeAuthError(error);
    notify(m.settings_delete_done());
    await authClient.signOut().catch(() => undefined);
    await navigate({ to: "/sign-in", replace: true });
  };
  const ask = (event: FormEvent) => {
    event.preventDefault();
    setAsking(true);
  };

  return (
    <SettingsCard
      title={m.settings_delete_title()}
      description={m.settings_delete_description()}
      danger
    >
      {hasPassword === null ? (
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      ) : (
        <form onSubmit={ask} className={inlineForm}>
          {hasPassword && (
            <Field
              label={m.settings_delete_password_label()}
              className="grid flex-1 gap-2"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
          <Button type="submit" variant="destructive">
            {m.settings_delete_submit()}
          </Button>
        </form>
      )}
      {stale && (
        <SignInAgain
          message={m.settings_sign_in_again_delete()}
          section="danger"
        />
      )}
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={m.settings_delete_confirm_title()}
        description={m.settings_delete_confirm_description()}
        confirmLabel={m.settings_delete_confirm_label()}
        destructive
        onConfirm={remove}
      />
    </SettingsCard>
  );
}
