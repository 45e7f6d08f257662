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
            Two-factor authentication
          </CardTitle>
          <CardDescription>
            {useBackupCode
              ? "Enter one of your backup codes."
              : "Enter the code from your authenticator app."}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Form onSubmit={verify.onSubmit}>
            <Field
              label={useBackupCode ? "Backup code" : "Authentication code"}
              autoComplete="one-time-code"
              inputMode={useBackupCode ? "text" : "numeric"}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <ErrorMessage message={verify.error} />
            <Button type="submit" disabled={verify.pending}>
              Verify
            </Button>
          </Form>
          <Button
            variant="link"
            onClick={() => setUseBackupCode(!useBackupCode)}
          >
            {useBackupCode ? "Use your authenticator app" : "Use a backup code"}
          </Button>
        </CardContent>
        <CardFooter className="justify-center text-sm">
          <Link
            to="/sign-in"
            search={{ redirect }}
            className="text-muted-foreground underline-offset-4 hover:underline"
          >
            Back to sign in
          </Link>
        </CardFooter>
      </Card>
    </Page>
  );
}
