import { Mail } from "lucide-react";
import { useState } from "react";
import { DevMailboxHint } from "@/components/DevMailboxHint";
import { EmailCodeForm } from "@/components/EmailCodeForm";
import { Notice } from "@/components/Form";
import { PasskeySignIn } from "@/components/PasskeySignIn";
import { SocialSignIn } from "@/components/SocialSignIn";
import { Button } from "@/components/ui/button";
import { describeAuthError } from "@/lib/authErrors";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { signInReturnUrls } from "@/lib/signInRedirect";
import { m } from "@/paraglide/messages";

/**
 * The sign-in page's ways in besides the password: a passkey, an emailed
 * link or code, each social provider. Below the form, so it loads as its own chunk
 * (src/pages/SignIn.tsx): the first bundle doesn't carry their code and
 * icons, and the few milliseconds later they appear are below the fold of
 * attention.
 */
export default function OtherSignInMethods({
  email,
  returnTo,
  onError,
}: {
  /** The email field's value, for the emailed link. */
  email: string;
  returnTo?: string;
  /** Shows an error under the form (null clears it). */
  onError: (message: string | null) => void;
}) {
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);

  const sendLink = async () => {
    onError(null);
    const to = email.trim();
    if (!to) return onError(m.auth_enter_email_first());
    const authClient = await loadAuthClient().catch(() => null);
    if (!authClient) return onError(describeAuthError(null));
    const { error } = await authClient.signIn.magicLink({
      email: to,
      // The link signs in only in this browser, and returns to `returnTo`;
      // a used or expired one comes back here (src/lib/signInRedirect.ts).
      ...signInReturnUrls(returnTo),
    });
    if (error) onError(describeAuthError(error));
    else setLinkSentTo(to);
  };

  return (
    <div className="flex flex-col gap-3">
      <PasskeySignIn onError={onError} />
      <Button variant="outline" onClick={() => void sendLink()}>
        <Mail aria-hidden />
        {m.auth_magic_link_send()}
      </Button>
      {linkSentTo && (
        <>
          <Notice>{m.auth_magic_link_sent({ email: linkSentTo })}</Notice>
          <DevMailboxHint />
        </>
      )}
      <EmailCodeForm
        email={email}
        // i18n: not shown to users (Better Auth's code type)
        use="sign-in"
        onSent={() => onError(null)}
      />
      <SocialSignIn returnTo={returnTo} />
    </div>
  );
}
