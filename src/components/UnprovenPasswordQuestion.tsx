import { useState } from "react";
import { ErrorMessage, Field, Form, useFormAction } from "@/components/Form";
import { Button } from "@/components/ui/button";
import type { Answer, Outcome } from "@/lib/verifyEmail";
import { Page } from "@/components/Page";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

// Must match convex/unprovenPassword.ts (not imported: it pulls in server code).
const SIGN_UP_PASSWORD_HEADER = "x-sign-up-password";
const REMOVE_PASSWORD_HEADER = "x-remove-unproven-password";

/**
 * Asked when the link is opened (or the code typed) in another browser than
 * the one that signed up and the account has a password: whoever set it can
 * keep it by typing it; anyone else goes on without it, which removes it.
 */
export default function UnprovenPasswordQuestion({
  verify,
  error,
  onOutcome,
}: {
  /** The link's or the code's verification again, with the answer. */
  verify: (answer: Answer) => Promise<Outcome>;
  error: string | null;
  onOutcome: (outcome: Outcome) => void;
}) {
  const [password, setPassword] = useState("");
  const keep = useFormAction(async () => {
    onOutcome(await verify({ [SIGN_UP_PASSWORD_HEADER]: password }));
  });
  const [removing, setRemoving] = useState(false);
  const remove = async () => {
    setRemoving(true);
    onOutcome(
      await verify({ [REMOVE_PASSWORD_HEADER]: "true" }).finally(() =>
        setRemoving(false),
      ),
    );
  };
  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            Confirm your account
          </CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <div className="flex flex-col gap-4">
            <p>
              This account was given a password before its email address was
              confirmed. If you created it, enter that password to keep it.
              Otherwise continue without it: the password is removed, you are
              signed in, and you can choose one later.
            </p>
            <Form onSubmit={keep.onSubmit}>
              <Field
                label="The password you chose"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <ErrorMessage message={error ?? keep.error} />
              <Button type="submit" disabled={keep.pending || removing}>
                Keep this password
              </Button>
            </Form>
            <Button
              variant="outline"
              onClick={() => void remove()}
              disabled={keep.pending || removing}
            >
              Continue without a password
            </Button>
          </div>
        </CardContent>
      </Card>
    </Page>
  );
}
