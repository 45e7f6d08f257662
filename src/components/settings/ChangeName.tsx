import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import { ErrorMessage, Field, Notice, useFormAction } from "../Form";

export function ChangeName() {
  const authClient = useAuthClient();
  const me = useQuery(api.users.me);
  const [name, setName] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useFormAction(async () => {
    setSaved(false);
    const { error } = await authClient.updateUser({
      name: (name ?? "").trim(),
    });
    if (error) return describeAuthError(error);
    setSaved(true);
  });
  return (
    <section className="card" aria-labelledby="name-heading">
      <h2 id="name-heading">Name</h2>
      <form onSubmit={save.onSubmit} className="inline">
        <Field
          label="Name"
          autoComplete="name"
          value={name ?? me?.name ?? ""}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={save.pending}>
          Save name
        </button>
      </form>
      <ErrorMessage message={save.error} />
      {saved && <Notice>Name saved.</Notice>}
    </section>
  );
}
