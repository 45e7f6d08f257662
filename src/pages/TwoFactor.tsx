import { useState } from "react";
import { ErrorMessage, Field, useFormAction } from "../components/Form";
import { describeAuthError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";
import { Link } from "../lib/router";

/** Second sign-in step for accounts with two-factor authentication. */
export default function TwoFactor() {
  const authClient = useAuthClient();
  const [code, setCode] = useState("");
  const [useBackupCode, setUseBackupCode] = useState(false);

  const verify = useFormAction(async () => {
    const { error } = useBackupCode
      ? await authClient.twoFactor.verifyBackupCode({ code: code.trim() })
      : await authClient.twoFactor.verifyTotp({ code: code.trim() });
    if (error) return describeAuthError(error);
  });

  return (
    <section className="card narrow">
      <h1>Two-factor authentication</h1>
      <form onSubmit={verify.onSubmit}>
        <Field
          label={useBackupCode ? "Backup code" : "Authentication code"}
          autoComplete="one-time-code"
          inputMode={useBackupCode ? "text" : "numeric"}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <ErrorMessage message={verify.error} />
        <button type="submit" disabled={verify.pending}>
          Verify
        </button>
      </form>
      <button
        type="button"
        className="link"
        onClick={() => setUseBackupCode(!useBackupCode)}
      >
        {useBackupCode ? "Use your authenticator app" : "Use a backup code"}
      </button>
      <p className="muted">
        <Link to="/">Back to sign in</Link>
      </p>
    </section>
  );
}
