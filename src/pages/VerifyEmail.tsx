import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useConvexAuth } from "convex/react";
import { useEffect, useState } from "react";
import { ErrorMessage, Field, Form, useFormAction } from "../components/Form";
import { Page } from "../components/Page";
import { Button, buttonVariants } from "../components/ui/button";
import {
  Card,
  CardContent,
  CardHeader,
  CardTitle,
} from "../components/ui/card";
import { describeAuthError } from "../lib/authErrors";
import { loadAuthClient } from "../lib/lazyAuthClient";

type Outcome = {
  error: string | null;
  signedIn: boolean;
  /** The account has a password set before the address was confirmed. */
  askAboutPassword?: boolean;
};

/**
 * What the person says about such a password (convex/unprovenPassword.ts):
 * the one they chose, or that they go on without it.
 */
type Answer = { password: string } | "remove password";

async function verify(token: string, answer?: Answer): Promise<Outcome> {
  // This page is where an emailed link lands: the auth client starts
  // loading with it (it isn't in the first bundle).
  const authClient = await loadAuthClient();
  const headers: Record<string, string> =
    answer === undefined
      ? {}
      : answer === "remove password"
        ? { "x-remove-unproven-password": "true" }
        : { "x-sign-up-password": answer.password };
  const { error } = await authClient.verifyEmail({
    query: { token },
    fetchOptions: { headers },
  });
  if (error?.code === "CONFIRM_SIGN_UP_PASSWORD") {
    return { error: null, signedIn: false, askAboutPassword: true };
  }
  if (error) {
    return {
      error: describeAuthError(error),
      signedIn: false,
      askAboutPassword: error.code === "SIGN_UP_PASSWORD_MISMATCH",
    };
  }
  const { data } = await authClient.getSession();
  return { error: null, signedIn: Boolean(data) };
}

// One check per token, even if the page mounts twice (StrictMode).
const checks = new Map<string, Promise<Outcome>>();

function verifyOnce(token: string): Promise<Outcome> {
  let check = checks.get(token);
  if (!check) {
    check = verify(token).catch(() => ({
      error: describeAuthError(null),
      signedIn: false,
    }));
    checks.set(token, check);
  }
  return check;
}

/**
 * Asked when the link is opened in another browser than the one that
 * signed up and the account has a password: whoever set it can keep it by
 * typing it; anyone else goes on without it, which removes it.
 */
function PasswordQuestion({
  token,
  error,
  onOutcome,
}: {
  token: string;
  error: string | null;
  onOutcome: (outcome: Outcome) => void;
}) {
  const [password, setPassword] = useState("");
  const keep = useFormAction(async () => {
    onOutcome(await verify(token, { password }));
  });
  const [removing, setRemoving] = useState(false);
  const remove = async () => {
    setRemoving(true);
    onOutcome(
      await verify(token, "remove password").finally(() => setRemoving(false)),
    );
  };
  return (
    <div className="flex flex-col gap-4">
      <p>
        This account was given a password before its email address was
        confirmed. If you created it, enter that password to keep it. Otherwise
        continue without it: the password is removed, you are signed in, and you
        can choose one later.
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
  );
}

/**
 * Where emailed verification links land (`?token=…`). The token is checked
 * through the auth client, so the session it starts (a new user's first)
 * lands in this app; then the dashboard takes over.
 */
export default function VerifyEmail() {
  const navigate = useNavigate();
  const { token, error: linkError } = useSearch({ from: "/verify-email" });
  const { isAuthenticated } = useConvexAuth();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (!token) return;
    let current = true;
    void verifyOnce(token).then((result) => {
      if (current) setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [token]);

  useEffect(() => {
    if (outcome?.signedIn && isAuthenticated)
      void navigate({ to: "/", replace: true });
  }, [outcome, isAuthenticated, navigate]);

  const error =
    outcome?.error ??
    (linkError ? describeAuthError({ code: linkError.toUpperCase() }) : null);
  if (token && outcome?.askAboutPassword) {
    return (
      <Page narrow>
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-xl">
              Confirm your account
            </CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            <PasswordQuestion
              token={token}
              error={outcome.error}
              onOutcome={setOutcome}
            />
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
            Email verification
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          {error ? (
            <ErrorMessage message={error} />
          ) : token && !outcome ? (
            <p role="status" aria-busy="true">
              Checking your link…
            </p>
          ) : outcome?.signedIn ? (
            <p role="status" aria-busy="true">
              Your email address is verified. Signing you in…
            </p>
          ) : (
            <p role="status">Your email address is verified.</p>
          )}
          <Link
            to={isAuthenticated ? "/" : "/sign-in"}
            className={buttonVariants({ variant: "outline" })}
          >
            {isAuthenticated ? "Go to your dashboard" : "Sign in"}
          </Link>
        </CardContent>
      </Card>
    </Page>
  );
}
