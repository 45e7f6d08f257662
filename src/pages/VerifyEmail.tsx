import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useConvexAuth } from "convex/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { ErrorMessage } from "@/components/Form";
import { Page } from "@/components/Page";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { describeAuthError } from "@/lib/authErrors";
import { notify } from "@/lib/toast";
import { changedEmailIn, verify, type Outcome } from "@/lib/verifyEmail";
import { takeInvitationPath } from "@/lib/pendingInvitation";
import { m } from "@/paraglide/messages";

// Rarely needed (convex/unprovenPassword.ts), so not in the first bundle.
const PasswordQuestion = lazy(
  () => import("@/components/UnprovenPasswordQuestion"),
);

// One check per token, even if the page mounts twice (StrictMode).
const checks = new Map<string, Promise<Outcome>>();

function verifyOnce(token: string): Promise<Outcome> {
  let check = checks.get(token);
  if (!check) {
    check = verify(token).catch(() => ({
      error: describeAuthError(null),
      signedIn: false,
    }));
    checks.set(token, check);
  }
  return check;
}

/**
 * Where emailed verification links land (`?token=…`). The token is spent
 * only on the person's click: a mail scanner that opens the link (even one
 * that runs the page) leaves it usable. It is checked through the auth
 * client, so the session it starts (a new user's first) lands in this app;
 * then the dashboard takes over.
 */
export default function VerifyEmail() {
  const navigate = useNavigate();
  const { token, error: linkError } = useSearch({ from: "/verify-email" });
  const { isAuthenticated } = useConvexAuth();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  useEffect(() => {
    if (!token || !confirmed) return;
    let current = true;
    void verifyOnce(token).then((result) => {
      if (current) setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [token, confirmed]);

  useEffect(() => {
    if (!outcome?.signedIn || !isAuthenticated) return;
    if (outcome.emailChangedTo)
      notify(m.auth_email_changed_toast({ email: outcome.emailChangedTo }));
    // Signed up from an invitation: back to it, to accept.
    void navigate({ to: takeInvitationPath() ?? "/", replace: true });
  }, [outcome, isAuthenticated, navigate]);

  const error =
    outcome?.error ??
    (linkError ? describeAuthError({ code: linkError.toUpperCase() }) : null);
  if (token && outcome?.askAboutPassword) {
    return (
      <Suspense fallback={<p role="status">{m.app_loading()}</p>}>
        <PasswordQuestion
          verify={(answer) => verify(token, answer)}
          error={outcome.error}
          onOutcome={setOutcome}
        />
      </Suspense>
    );
  }
  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_verify_email_title()}
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          {error ? (
            <ErrorMessage message={error} />
          ) : token && !confirmed ? (
            <ConfirmLink token={token} onConfirm={() => setConfirmed(true)} />
          ) : token && !outcome ? (
            <p role="status" aria-busy="true">
              {m.auth_verify_email_checking()}
            </p>
          ) : outcome?.signedIn ? (
            <p role="status" aria-busy="true">
              {m.auth_verify_email_signing_in()}
            </p>
          ) : (
            <p role="status">{m.auth_verify_email_verified()}</p>
          )}
          {token && !confirmed && !error ? null : (
            <Link
              to={isAuthenticated ? "/" : "/sign-in"}
              className={buttonVariants({ variant: "outline" })}
            >
              {isAuthenticated ? m.auth_go_to_dashboard() : m.auth_sign_in()}
            </Link>
          )}
        </CardContent>
      </Card>
    </Page>
  );
}

/** The question before the token is spent: what opening the link does. */
function ConfirmLink({
  token,
  onConfirm,
}: {
  token: string;
  onConfirm: () => void;
}) {
  const newEmail = changedEmailIn(token);
  return (
    <>
      <p>
        {newEmail
          ? m.auth_verify_email_change_prompt({ email: newEmail })
          : m.auth_verify_email_prompt()}
      </p>
      <Button onClick={onConfirm}>
        {newEmail
          ? m.auth_verify_email_confirm_change()
          : m.auth_verify_email_confirm()}
      </Button>
    </>
  );
}
