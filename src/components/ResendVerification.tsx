import { useState } from "react";
import { ErrorMessage, Notice, useFormAction } from "@/components/Form";
import { Button } from "@/components/ui/button";
import { describeAuthError } from "@/lib/authErrors";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { m } from "@/paraglide/messages";

/** The dashboard's "resend the link" for an address not verified yet. */
export default function ResendVerification({ email }: { email: string }) {
  const [sent, setSent] = useState(false);
  const resend = useFormAction(async () => {
    const authClient = await loadAuthClient();
    const { error } = await authClient.sendVerificationEmail({
      email,
      callbackURL: `${window.location.origin}/verify-email`,
    });
    if (error) return describeAuthError(error);
    setSent(true);
  });
  if (sent)
    return <Notice>{m.auth_resend_verification_sent({ email })}</Notice>;
  return (
    <form onSubmit={resend.onSubmit} className="flex flex-col gap-3">
      <ErrorMessage message={resend.error} />
      <Button
        type="submit"
        variant="secondary"
        className="self-start"
        disabled={resend.pending}
      >
        {m.auth_resend_verification()}
      </Button>
    </form>
  );
}
