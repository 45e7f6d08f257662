import { KeyRound } from "lucide-react";
import { useEffect, useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { sessionChangesSettled } from "@/lib/sessionChangesSettled";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import type { PasskeyResult } from "@/lib/passkeys";
import { Button } from "@/components/ui/button";
import { m } from "@/paraglide/messages";

// WebAuthn's browser code loads with the first passkey action, not the page.
const loadPasskeys = () => import("@/lib/passkeys");

/** Errors of the browser's own dialog (cancelled, replaced): nothing to show. */
function browserDismissed(error: PasskeyResult<unknown>["error"]): boolean {
  return (
    !error?.code ||
    error.code === "AUTH_CANCELLED" ||
    error.code.startsWith("ERROR_")
  );
}

/**
 * "Sign in with a passkey", plus passkey autofill on the email field
 * (`autoComplete="username webauthn"`) where the browser offers it. On
 * success the session changes and the signed-in pages replace this one.
 */
export function PasskeySignIn({
  onError,
}: {
  onError: (message: string | null) => void;
}) {
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let active = true;
    void (async () => {
      await sessionChangesSettled();
      const available =
        await window.PublicKeyCredential?.isConditionalMediationAvailable?.();
      if (!available || !active) return;
      const [{ passkeys }, authClient] = await Promise.all([
        loadPasskeys(),
        loadAuthClient(),
      ]);
      if (!active) return;
      const { error } = await passkeys(authClient).signIn(true);
      // A passkey picked from autofill that fails (say, deleted) is news;
      // an autofill request replaced by the button or left unused isn't.
      if (active && error && !browserDismissed(error))
        onError(describeAuthError(error));
    })();
    return () => {
      active = false;
    };
  }, [onError]);

  const signIn = async () => {
    onError(null);
    setPending(true);
    try {
      const [{ passkeys }, authClient] = await Promise.all([
        loadPasskeys(),
        loadAuthClient(),
      ]);
      const { error } = await passkeys(authClient).signIn();
      if (error) onError(describeAuthError(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <Button variant="outline" disabled={pending} onClick={() => void signIn()}>
      <KeyRound aria-hidden />
      {m.auth_passkey_sign_in()}
    </Button>
  );
}
