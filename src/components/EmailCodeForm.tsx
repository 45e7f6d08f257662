import { lazy, Suspense, useState } from "react";
import {
  ErrorMessage,
  Field,
  Form,
  Notice,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import { describeAuthError } from "@/lib/authErrors";
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { verifyWithCode, type Outcome } from "@/lib/verifyEmail";
import { m } from "@/paraglide/messages";

// Rarely needed (convex/unprovenPassword.ts), so not with this form.
const PasswordQuestion = lazy(
  () => import("@/components/UnprovenPasswordQuestion"),
);

/** What the code is for: Better Auth's emailOTP types this app uses. */
export type CodeUse = "sign-in" | "email-verification";

const SIX_DIGITS = /^\d{6}$/;

/**
 * A six-digit code by email (convex/emailCodes.ts): "Email me a code", then
 * a field for it. Signing in or verifying creates the session; the route
 * guard then takes the person on, as after a password.
 */
export function EmailCodeForm({
  email,
  use,
  onSent,
}: {
  email: string;
  use: CodeUse;
  /** Called once a code is on its way (the sign-in page clears its errors). */
  onSent?: () => void;
}) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [question, setQuestion] = useState<Outcome | null>(null);

  const send = useFormAction(async () => {
    const to = email.trim();
    if (!to) return m.auth_enter_email_first();
    const authClient = await loadAuthClient();
    const { error } = await authClient.emailOtp.sendVerificationOtp({
      email: to,
      type: use,
    });
    if (error) return describeAuthError(error);
    setSentTo(to);
    setCode("");
    onSent?.();
  });

  const submit = useFormAction(async () => {
    const otp = code.trim();
    if (!SIX_DIGITS.test(otp)) return m.auth_email_code_invalid();
    if (use === "email-verification") {
      const outcome = await verifyWithCode(sentTo!, otp);
      if (outcome.askAboutPassword) setQuestion(outcome);
      return outcome.error ?? undefined;
    }
    const authClient = await loadAuthClient();
    const { error } = await authClient.signIn.emailOtp({ email: sentTo!, otp });
    if (error) return describeAuthError(error);
  });

  if (question && sentTo) {
    return (
      <Suspense fallback={<p role="status">{m.app_loading()}</p>}>
        <PasswordQuestion
          verify={(answer) => verifyWithCode(sentTo, code.trim(), answer)}
          error={question.error}
          onOutcome={(outcome) =>
            setQuestion(outcome.askAboutPassword ? outcome : null)
          }
        />
      </Suspense>
    );
  }

  if (!sentTo) {
    return (
      <form onSubmit={send.onSubmit} className="flex flex-col gap-3">
        <ErrorMessage message={send.error} />
        <Button type="submit" variant="outline" disabled={send.pending}>
          {use === "sign-in"
            ? m.auth_email_code_send_sign_in()
            : m.auth_email_code_send_verification()}
        </Button>
      </form>
    );
  }

  return (
    <Form onSubmit={submit.onSubmit}>
      <Notice>{m.auth_email_code_sent({ email: sentTo })}</Notice>
      <Field
        label={m.auth_email_code_label()}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <ErrorMessage message={submit.error ?? send.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={submit.pending}>
          {use === "sign-in" ? m.auth_email_code_sign_in() : m.auth_verify()}
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={send.pending}
          onClick={(event) => void send.onSubmit(event)}
        >
          {m.auth_email_code_resend()}
        </Button>
      </div>
    </Form>
  );
}
