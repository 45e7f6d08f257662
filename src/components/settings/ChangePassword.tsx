import { useState } from "react";
import { passwordProblem } from "../../../convex/validation";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import {
  ErrorMessage,
  Field,
  Form,
  Notice,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { SettingsCard } from "@/components/settings/SettingsCard";

export function ChangePassword() {
  const authClient = useAuthClient();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [saved, setSaved] = useState(false);
  const change = useFormAction(async () => {
    setSaved(false);
    const problem = passwordProblem(newPassword);
    if (problem) return problem;
    const { error } = await authClient.changePassword({
      currentPassword,
      newPassword,
      revokeOtherSessions: signOutOthers,
    });
    if (error) return describeAuthError(error);
    setCurrentPassword("");
    setNewPassword("");
    setSaved(true);
  });
  return (
    <SettingsCard title="Password">
      <Form onSubmit={change.onSubmit} className="flex max-w-sm flex-col gap-4">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
        <Label className="font-normal">
          <Checkbox
            checked={signOutOthers}
            onChange={(e) => setSignOutOthers(e.target.checked)}
          />
          Sign out of all other sessions
        </Label>
        <ErrorMessage message={change.error} />
        <Button type="submit" className="self-start" disabled={change.pending}>
          Change password
        </Button>
      </Form>
      {saved && <Notice>Password changed.</Notice>}
    </SettingsCard>
  );
}
