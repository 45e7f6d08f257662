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
    if (!to) return "Enter your email first.";
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
    if (!SIX_DIGITS.test(otp)) return "Enter the six digits from the email.";
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
      <Suspense fallback={<p role="status">Loading…</p>}>
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
            ? "Email me a sign-in code"
            : "Email me a code instead"}
        </Button>
      </form>
    );
  }

  return (
    <Form onSubmit={submit.onSubmit}>
      <Notice>
        We sent a six-digit code to {sentTo}. It works for 5 minutes.
      </Notice>
      <Field
        label="Code from the email"
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
          {use === "sign-in" ? "Sign in with the code" : "Verify"}
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={send.pending}
          onClick={(event) => void send.onSubmit(event)}
        >
          Send a new code
        </Button>
      </div>
    </Form>
  );
}
