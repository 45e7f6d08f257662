import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { lazy, Suspense, useState } from "react";
import { passwordProblem } from "@/lib/validation";
import { ErrorMessage, Field, Form, useFormAction } from "@/components/Form";
import { Page } from "@/components/Page";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { withElement } from "@/lib/richText";
import { DevMailboxHint } from "@/components/DevMailboxHint";
import { getLocale } from "@/paraglide/runtime";
import { m } from "@/paraglide/messages";

const footerLink = "text-foreground underline underline-offset-4";

// Only on the "check your inbox" screen: its own chunk.
const EmailCodeForm = lazy(() =>
  import("@/components/EmailCodeForm").then((module) => ({
    default: module.EmailCodeForm,
  })),
);

/**
 * Sign-up never signs in: the emailed link does. The answer is the same
 * whether or not the email already has an account (its owner gets an email
 * saying so), so this page can't be used to find out who is registered.
 */
export default function SignUp() {
  const authClient = useAuthClient();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // In the URL, not state: the answer survives a reload.
  const { sent } = useSearch({ from: "/guest/sign-up" });

  const signUp = useFormAction(async () => {
    const problem = passwordProblem(password);
    if (problem) return problem;
    const { error } = await authClient.signUp.email({
      name: name.trim(),
      email: email.trim(),
      password,
      // The language of its emails (and the app, on other devices).
      locale: getLocale(),
    });
    if (error) return describeAuthError(error);
    await navigate({
      to: "/sign-up",
      search: { sent: email.trim() },
      replace: true,
    });
  });

  if (sent) {
    return (
      <Page narrow>
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-xl">
              {m.auth_sign_up_sent_title()}
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <p role="status" data-testid="sign-up-sent">
              {withElement(
                (email) => m.auth_sign_up_sent({ email }),
                <strong>{sent}</strong>,
              )}
            </p>
            <p className="text-muted-foreground">
              {withElement(
                (signInLink) => m.auth_sign_up_spam_hint({ signInLink }),
                <Link to="/sign-in" className={footerLink}>
                  {m.auth_sign_up_spam_hint_link()}
                </Link>,
              )}
            </p>
            <DevMailboxHint />
            <Suspense fallback={null}>
              <EmailCodeForm
                email={sent}
                // i18n: not shown to users (Better Auth's code type)
                use="email-verification"
              />
            </Suspense>
          </CardContent>
        </Card>
      </Page>
    );
  }

  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_sign_up_title()}
          </CardTitle>
          <CardDescription>{m.auth_sign_up_description()}</CardDescription>
        </CardHeader>
        <CardContent>
          <Form onSubmit={signUp.onSubmit}>
            <Field
              label={m.auth_name_label()}
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <Field
              label={m.auth_email_label()}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Field
              label={m.auth_password_label()}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <ErrorMessage message={signUp.error} />
            <Button type="submit" disabled={signUp.pending}>
              {m.auth_sign_up_submit()}
            </Button>
          </Form>
        </CardContent>
        <CardFooter className="justify-center text-sm text-muted-foreground">
          <span>
            {m.auth_have_account()}{" "}
            <Link to="/sign-in" className={footerLink}>
              {m.auth_sign_in()}
            </Link>
          </span>
        </CardFooter>
      </Card>
    </Page>
  );
}
