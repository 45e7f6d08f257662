import { useNavigate } from "@tanstack/react-router";
import { LogIn } from "lucide-react";
import { useState } from "react";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  settingsPath,
  type SettingsSection,
} from "@/components/settings/sections";
import { m } from "@/paraglide/messages";

/**
 * Better Auth's answer when an action needs a recent sign-in: deleting an
 * account without a password (`SESSION_EXPIRED`), adding a passkey, listing
 * sessions or unlinking a provider (`SESSION_NOT_FRESH`). Both mean a
 * session older than `freshAge` (a day).
 */
export function needsFreshSignIn(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SESSION_NOT_FRESH" || code === "SESSION_EXPIRED";
}

/**
 * "Sign in again to …" (a whole sentence, `message`) with the way to do it: signs out, then opens the
 * sign-in page set to come back to this section, so a fresh session lands
 * where the person was.
 */
export function SignInAgain({
  message,
  section,
}: {
  /** What the fresh sign-in is for, as a sentence: "Sign in again to delete your account: …". */
  message: string;
  section: SettingsSection;
}) {
  const authClient = useAuthClient();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const again = async () => {
    setPending(true);
    await authClient.signOut().catch(() => undefined);
    await navigate({
      to: "/sign-in",
      search: { redirect: settingsPath(section) },
    });
  };
  return (
    <Alert>
      <LogIn aria-hidden />
      <AlertDescription>
        <p>{message}</p>
        <Button
          variant="outline"
          size="sm"
          disabled={pending}
          onClick={() => void again()}
        >
          {m.settings_sign_in_again_button()}
        </Button>
      </AlertDescription>
    </Alert>
  );
}
