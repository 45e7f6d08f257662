import { useConvexAuth } from "convex/react";
import { useEffect, useState } from "react";
import type { AuthClient } from "../lib/auth-client";
import { useAuthClient } from "../lib/authClientContext";
import { describeAuthError } from "../lib/authErrors";
import { Link, navigate, useSearchParam } from "../lib/router";

type Outcome = { error: string | null; signedIn: boolean };

// One check per token: this page mounts again when the verification signs
// the visitor in (the app swaps its signed-out tree for the signed-in one).
const checks = new Map<string, Promise<Outcome>>();

function verifyOnce(authClient: AuthClient, token: string): Promise<Outcome> {
  let check = checks.get(token);
  if (!check) {
    check = (async () => {
      const { error } = await authClient.verifyEmail({ query: { token } });
      if (error) return { error: describeAuthError(error), signedIn: false };
      const { data } = await authClient.getSession();
      return { error: null, signedIn: Boolean(data) };
    })();
    checks.set(token, check);
  }
  return check;
}

/**
 * Where emailed verification links land (`?token=…`). The token is checked
 * through the auth client, so the session it starts (a new user's first)
 * lands in this app; then the dashboard takes over.
 */
export default function VerifyEmail() {
  const authClient = useAuthClient();
  const token = useSearchParam("token");
  const linkError = useSearchParam("error");
  const { isAuthenticated } = useConvexAuth();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (!token) return;
    let current = true;
    void verifyOnce(authClient, token).then((result) => {
      if (current) setOutcome(result);
    });
    return () => {
      current = false;
    };
  }, [authClient, token]);

  useEffect(() => {
    if (outcome?.signedIn && isAuthenticated) navigate("/", { replace: true });
  }, [outcome, isAuthenticated]);

  const error =
    outcome?.error ??
    (linkError ? describeAuthError({ code: linkError.toUpperCase() }) : null);
  return (
    <section className="card narrow">
      <h1>Email verification</h1>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
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
      <Link to="/">{isAuthenticated ? "Go to your dashboard" : "Sign in"}</Link>
    </section>
  );
}
