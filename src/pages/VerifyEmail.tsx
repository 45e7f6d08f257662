import { useConvexAuth } from "convex/react";
import { describeAuthError } from "../lib/authErrors";
import { Link, useSearchParam } from "../lib/router";

/** Where the verification link lands, after Better Auth has checked it. */
export default function VerifyEmail() {
  const error = useSearchParam("error");
  const { isAuthenticated } = useConvexAuth();
  return (
    <section className="card narrow">
      <h1>Email verification</h1>
      {error ? (
        <p role="alert" className="error">
          {describeAuthError({ code: error.toUpperCase() })}
        </p>
      ) : (
        <p role="status">Your email address is verified.</p>
      )}
      <Link to="/">{isAuthenticated ? "Go to your dashboard" : "Sign in"}</Link>
    </section>
  );
}
