import { Link } from "@tanstack/react-router";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { withElement } from "@/lib/richText";
import { m } from "@/paraglide/messages";

/**
 * On the "check your inbox" screens, in development only: where the mail
 * went. Production builds drop it (`import.meta.env.DEV`); in development it
 * shows only when the deployment says it has a mailbox page (a local one,
 * decided by the server: convex/devMailbox.ts).
 */
export function DevMailboxHint() {
  return import.meta.env.DEV ? <Hint /> : null;
}

function Hint() {
  const available = useQuery(api.devMailbox.available, {});
  if (!available) return null;
  return (
    <p className="text-sm text-muted-foreground" data-testid="dev-mailbox-hint">
      {withElement(
        (mailboxLink) => m.auth_dev_mailbox_hint({ mailboxLink }),
        <Link
          to="/dev/mailbox"
          className="font-medium text-foreground underline underline-offset-4"
        >
          {m.auth_dev_mailbox_hint_link()}
        </Link>,
      )}
    </p>
  );
}
