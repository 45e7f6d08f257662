import { useEffect, useState } from "react";
import { describeAuthError } from "../../lib/authErrors";
import { useAuthClient } from "../../lib/authClientContext";
import type {
  PasskeyResult,
  PasskeyRow,
  Passkeys as PasskeyApi,
} from "../../lib/passkeys";
import { ErrorMessage, Field, useFormAction } from "../Form";

const loadPasskeys = () => import("../../lib/passkeys");

/**
 * The user's passkeys: add one (named), rename, delete. A passkey signs in
 * without the password and without the authenticator-app code: the device
 * and its PIN or biometric are already two factors.
 */
export function Passkeys() {
  const authClient = useAuthClient();
  const [api, setApi] = useState<PasskeyApi | null>(null);
  const [rows, setRows] = useState<PasskeyRow[] | null>(null);
  const [name, setName] = useState("");
  // Bumped after each change to reload the list.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);

  const add = useFormAction(async () => {
    if (!api) return;
    const { error } = await api.add(name.trim());
    if (error) return describeAuthError(error);
    setName("");
    refresh();
  });
  const { setError } = add;

  useEffect(() => {
    let active = true;
    void loadPasskeys().then(async ({ passkeys }) => {
      const loaded = passkeys(authClient);
      const { data, error } = await loaded.list();
      if (!active) return;
      setApi(loaded);
      if (error) setError(describeAuthError(error));
      else setRows(data ?? []);
    });
    return () => {
      active = false;
    };
  }, [authClient, version, setError]);

  const run = async (action: Promise<PasskeyResult<unknown>>) => {
    const { error } = await action;
    if (error) setError(describeAuthError(error));
    refresh();
  };

  return (
    <section className="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p className="muted">
        Sign in with your fingerprint, face or device PIN instead of a password.
        A passkey sign-in doesn't ask for an authenticator code.
      </p>
      {rows === null || api === null ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No passkeys yet.</p>
      ) : (
        <ul className="sessions" aria-label="Passkeys">
          {rows.map((row) => (
            <PasskeyItem
              key={row.id}
              row={row}
              onRename={(newName) => void run(api.rename(row.id, newName))}
              onDelete={() => void run(api.remove(row.id))}
            />
          ))}
        </ul>
      )}
      <form onSubmit={add.onSubmit}>
        <Field
          label="Passkey name"
          placeholder="e.g. Work laptop"
          maxLength={64}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <ErrorMessage message={add.error} />
        <button type="submit" disabled={add.pending || !api}>
          Add a passkey
        </button>
      </form>
    </section>
  );
}

function PasskeyItem({
  row,
  onRename,
  onDelete,
}: {
  row: PasskeyRow;
  onRename: (name: string) => void;
  onDelete: () => void;
}) {
  const label = row.name || "Unnamed passkey";
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(label);
  return (
    <li data-testid="passkey">
      {editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setEditing(false);
            onRename(draft.trim());
          }}
        >
          <Field
            label={`New name for ${label}`}
            maxLength={64}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit">Save</button>
        </form>
      ) : (
        <div>
          <strong>{label}</strong>
          <div className="muted">
            added {new Date(row.createdAt).toLocaleString()}
            {row.backedUp ? " · synced" : ""}
          </div>
        </div>
      )}
      {!editing && (
        <span>
          <button
            type="button"
            className="secondary"
            onClick={() => setEditing(true)}
          >
            Rename {label}
          </button>
          <button type="button" className="secondary" onClick={onDelete}>
            Delete {label}
          </button>
        </span>
      )}
    </li>
  );
}
