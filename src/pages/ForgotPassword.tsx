import { Link } from "@tanstack/react-router";
import { useState } from "react";
import {
  ErrorMessage,
  Field,
  Form,
  Notice,
  useFormAction,
} from "@/components/Form";
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
import { DevMailboxHint } from "@/components/DevMailboxHint";
import { m } from "@/paraglide/messages";

export default function ForgotPassword() {
  const authClient = useAuthClient();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);

  const request = useFormAction(async () => {
    const { error } = await authClient.requestPasswordReset({
      email: email.trim(),
      redirectTo: `${window.location.origin}/reset-password`,
    });
    if (error) return describeAuthError(error);
    setSent(true);
  });

  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_forgot_password()}
          </CardTitle>
          <CardDescription>
            {m.auth_forgot_password_description()}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {sent ? (
            // The same answer whether or not the email has an account.
            <div className="flex flex-col gap-4">
              <Notice>
                {m.auth_forgot_password_sent({ email: email.trim() })}
              </Notice>
              <DevMailboxHint />
            </div>
          ) : (
            <Form onSubmit={request.onSubmit}>
              <Field
                label={m.auth_email_label()}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
              <ErrorMessage message={request.error} />
              <Button type="submit" disabled={request.pending}>
                {m.auth_forgot_password_submit()}
              </Button>
            </Form>
          )}
        </CardContent>
        <CardFooter className="justify-center text-sm">
          <Link
            to="/sign-in"
            className="text-muted-foreground underline-offset-4 hover:underline"
          >
            {m.auth_back_to_sign_in()}
          </Link>
        </CardFooter>
      </Card>
    </Page>
  );
}
