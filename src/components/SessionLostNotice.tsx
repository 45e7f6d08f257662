import { LogOut } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import type { LostReason } from "@/lib/sessionEnd";
import { m } from "@/paraglide/messages";

const MESSAGES: Record<LostReason, () => string> = {
  SESSION_REVOKED: m.error_session_end_revoked,
  SESSION_EXPIRED: m.error_session_end_expired,
  ACCOUNT_DISABLED: () =>
    m.error_session_end_account_disabled({
      reason: m.error_code_account_disabled(),
    }),
  ACCOUNT_DELETED: m.error_session_end_account_deleted,
  SIGNED_OUT: m.error_session_end_signed_out,
  UNKNOWN: m.error_session_end_ended,
};

/**
 * Why this tab was signed out, on the sign-in page. Its own chunk: rare,
 * so the first bundle carries neither the words nor the alert.
 */
export default function SessionLostNotice({ reason }: { reason: LostReason }) {
  return (
    <Alert role="status" data-testid="signed-out-reason">
      <LogOut aria-hidden />
      <AlertDescription>{MESSAGES[reason]()}</AlertDescription>
    </Alert>
  );
}
