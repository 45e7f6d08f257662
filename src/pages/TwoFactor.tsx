import { Link, useSearch } from "@tanstack/react-router";
import { useState } from "react";
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
import { m } from "@/paraglide/messages";

/** Second sign-in step for accounts with two-factor authentication. */
export default function TwoFactor() {
  const authClient = useAuthClient();
  // Once verified, the route guard sends the user on to `redirect`.
  const { redirect } = useSearch({ from: "/guest/two-factor" });
  const [code, setCode] = useState("");
  const [useBackupCode, setUseBackupCode] = useState(false);

  const verify = useFormAction(async () => {
    const { error } = useBackupCode
      ? await authClient.twoFactor.verifyBackupCode({ code: code.trim() })
      : await authClient.twoFactor.verifyTotp({ code: code.trim() });
    if (error) return describeAuthError(error);
  });

  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_two_factor_title()}
          </CardTitle>
          <CardDescription>
            {useBackupCode
              ? m.auth_two_factor_backup_description()
              : m.auth_two_factor_totp_description()}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Form onSubmit={verify.onSubmit}>
            <Field
              label={
                useBackupCode
                  ? m.auth_backup_code_label()
                  : m.auth_authentication_code_label()
              }
              autoComplete="one-time-code"
              inputMode={useBackupCode ? "text" : "numeric"}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <ErrorMessage message={verify.error} />
            <Button type="submit" disabled={verify.pending}>
              {m.auth_verify()}
            </Button>
          </Form>
          <Button
            variant="link"
            onClick={() => setUseBackupCode(!useBackupCode)}
          >
            {useBackupCode
              ? m.auth_two_factor_use_app()
              : m.auth_two_factor_use_backup()}
          </Button>
        </CardContent>
        <CardFooter className="justify-center text-sm">
          <Link
            to="/sign-in"
            search={{ redirect }}
            className="text-muted-foreground underline-offset-4 hover:underline"
          >
            {m.auth_back_to_sign_in()}
          </Link>
        </CardFooter>
      </Card>
    </Page>
  );
}
