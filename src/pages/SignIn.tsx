import { Link, useSearch } from "@tanstack/react-router";
import { lazy, Suspense, useEffect, useState } from "react";
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
import { loadAuthClient } from "@/lib/lazyAuthClient";
import { forgetSessionLost, sessionLostReason } from "@/lib/sessionEnd";
import { m } from "@/paraglide/messages";

// Below the form: its own chunk, a few milliseconds after the page.
// Why the tab was signed out: rare, so its words load only then.
const SessionLostNotice = lazy(() => import("@/components/SessionLostNotice"));
const OtherSignInMethods = lazy(
  () => import("@/components/OtherSignInMethods"),
);

export default function SignIn() {
  // Where to go once signed in (validated by the route: a path of this app).
  const { redirect } = useSearch({ from: "/guest/sign-in" });
  // The auth client loads while the visitor types (the first bundle
  // doesn't carry it); a click before it arrives waits for it.
  useEffect(() => void loadAuthClient().catch(() => undefined), []);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // Why this tab was signed out, if it wasn't its own button: said once.
  const [lost] = useState(sessionLostReason);
  useEffect(() => forgetSessionLost(), []);

  const signIn = useFormAction(async () => {
    const authClient = await loadAuthClient();
    const { error } = await authClient.signIn.email({
      email: email.trim(),
      password,
    });
    // On success the route guard sends the now signed-in user on (`redirect`).
    if (error)
      // The messages load with the first error (not in the first bundle).
      return (await import("@/lib/authErrors")).describeAuthError(error);
  });

  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_sign_in()}
          </CardTitle>
          <CardDescription>{m.auth_sign_in_description()}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {lost && (
            <Suspense fallback={null}>
              <SessionLostNotice reason={lost} />
            </Suspense>
          )}
          <Form onSubmit={signIn.onSubmit}>
            <Field
              label={m.auth_email_label()}
              type="email"
              // "webauthn" offers saved passkeys in the field's autofill.
              autoComplete="username webauthn"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <div className="grid gap-2">
              <Field
                label={m.auth_password_label()}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <Link
                to="/forgot-password"
                className="text-sm text-muted-foreground underline-offset-4 hover:underline"
              >
                {m.auth_forgot_password()}
              </Link>
            </div>
            <ErrorMessage message={signIn.error} />
            <Button type="submit" disabled={signIn.pending}>
              {m.auth_sign_in()}
            </Button>
          </Form>
          <div className="flex items-center gap-3 text-xs text-muted-foreground uppercase">
            <span className="h-px flex-1 bg-border" />
            {m.auth_or()}
            <span className="h-px flex-1 bg-border" />
          </div>
          <Suspense fallback={null}>
            <OtherSignInMethods
              email={email}
              returnTo={redirect}
              onError={signIn.setError}
            />
          </Suspense>
        </CardContent>
        <CardFooter className="justify-center text-sm text-muted-foreground">
          <span>
            {m.auth_no_account()}{" "}
            <Link
              to="/sign-up"
              className="text-foreground underline underline-offset-4"
            >
              {m.auth_create_account()}
            </Link>
          </span>
        </CardFooter>
      </Card>
    </Page>
  );
}
