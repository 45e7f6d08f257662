import { useState } from "react";
import { ErrorMessage, Field, Form, useFormAction } from "@/components/Form";
import { Button } from "@/components/ui/button";
import type { Answer, Outcome } from "@/lib/verifyEmail";
import { Page } from "@/components/Page";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { m } from "@/paraglide/messages";

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
            {m.auth_unproven_title()}
          </CardTitle>
        </CardHeader>
        <CardContent className="text-sm">
          <div className="flex flex-col gap-4">
            <p>{m.auth_unproven_text()}</p>
            <Form onSubmit={keep.onSubmit}>
              <Field
                label={m.auth_unproven_password_label()}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <ErrorMessage message={error ?? keep.error} />
              <Button type="submit" disabled={keep.pending || removing}>
                {m.auth_unproven_keep()}
              </Button>
            </Form>
            <Button
              variant="outline"
              onClick={() => void remove()}
              disabled={keep.pending || removing}
            >
              {m.auth_unproven_continue()}
            </Button>
          </div>
        </CardContent>
      </Card>
    </Page>
  );
}
