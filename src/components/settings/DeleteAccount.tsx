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
    notify("Account deleted");
    await authClient.signOut().catch(() => undefined);
    await navigate({ to: "/sign-in", replace: true });
  };
  const ask = (event: FormEvent) => {
    event.preventDefault();
    setAsking(true);
  };

  return (
    <SettingsCard
      title="Delete account"
      description="This removes your account, your sessions and all your notes, for good."
      danger
    >
      {hasPassword === null ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : (
        <form onSubmit={ask} className={inlineForm}>
          {hasPassword && (
            <Field
              label="Password to confirm"
              className="grid flex-1 gap-2"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
          <Button type="submit" variant="destructive">
            Delete my account
          </Button>
        </form>
      )}
      {stale && <SignInAgain toDo="delete your account" section="danger" />}
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title="Delete your account?"
        description="Your account and all its data are deleted for good. This can't be undone."
        confirmLabel="Delete account"
        destructive
        onConfirm={remove}
      />
    </SettingsCard>
  );
}
