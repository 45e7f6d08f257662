import { Link, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { passwordProblem } from "@/lib/validation";
import {
  ErrorMessage,
  Field,
  Form,
  Notice,
  useFormAction,
} from "@/components/Form";
import { Page } from "@/components/Page";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { m } from "@/paraglide/messages";

/** Where the emailed reset link lands: ?token=… (or ?error=INVALID_TOKEN). */
export default function ResetPassword() {
  const authClient = useAuthClient();
  const { token, error: linkError } = useSearch({ from: "/reset-password" });
  const [newPassword, setNewPassword] = useState("");
  const [done, setDone] = useState(false);

  const reset = useFormAction(async () => {
    const problem = passwordProblem(newPassword);
    if (problem) return problem;
    const { error } = await authClient.resetPassword({
      newPassword,
      token: token ?? "",
    });
    if (error) return describeAuthError(error);
    setDone(true);
  });

  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_reset_password_title()}
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {linkError || !token ? (
            <>
              <ErrorMessage message={m.auth_reset_link_invalid()} />
              <Link
                to="/forgot-password"
                className={buttonVariants({ variant: "outline" })}
              >
                {m.auth_ask_for_new_link()}
              </Link>
            </>
          ) : done ? (
            <Notice>
              {m.auth_reset_password_done()}{" "}
              <Link to="/sign-in" className="underline underline-offset-4">
                {m.auth_sign_in()}
              </Link>
            </Notice>
          ) : (
            <Form onSubmit={reset.onSubmit}>
              <Field
                label={m.auth_new_password_label()}
                type="password"
                autoComplete="new-password"
                value={newPassword}
                onChange={(e) => setNewPassword(e.target.value)}
              />
              <ErrorMessage message={reset.error} />
              <Button type="submit" disabled={reset.pending}>
                {m.auth_reset_password_submit()}
              </Button>
            </Form>
          )}
        </CardContent>
      </Card>
    </Page>
  );
}
