import { useEffect, useState } from "react";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import type {
  PasskeyResult,
  PasskeyRow,
  Passkeys as PasskeyApi,
} from "@/lib/passkeys";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SettingsCard } from "@/components/settings/SettingsCard";

// WebAuthn's browser code loads with this card, not with the app.
const loadPasskeys = () => import("@/lib/passkeys");

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
    <SettingsCard
      title="Passkeys"
      description="Sign in with your fingerprint, face or device PIN instead of a password. A passkey sign-in doesn't ask for an authenticator code."
    >
      {rows === null || api === null ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No passkeys yet.</p>
      ) : (
        <ul className="divide-y rounded-md border" aria-label="Passkeys">
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
      <form onSubmit={add.onSubmit} className={inlineForm}>
        <Field
          label="Passkey name"
          className="grid flex-1 gap-2"
          placeholder="e.g. Work laptop"
          maxLength={64}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" disabled={add.pending || !api}>
          Add a passkey
        </Button>
      </form>
      <ErrorMessage message={add.error} />
    </SettingsCard>
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
    <li
      data-testid="passkey"
      className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm"
    >
      {editing ? (
        <form
          className={inlineForm}
          onSubmit={(event) => {
            event.preventDefault();
            setEditing(false);
            onRename(draft.trim());
          }}
        >
          <Field
            label={`New name for ${label}`}
            className="grid flex-1 gap-2"
            maxLength={64}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <Button type="submit" size="sm">
            Save
          </Button>
        </form>
      ) : (
        <>
          <div className="flex flex-col gap-1">
            <div className="flex items-center gap-2 font-medium">
              {label}
              {row.backedUp && <Badge variant="secondary">Synced</Badge>}
            </div>
            <div className="text-muted-foreground">
              added {new Date(row.createdAt).toLocaleString()}
            </div>
          </div>
          <div className="flex gap-2">
            <Button
              variant="outline"
              size="sm"
              onClick={() => setEditing(true)}
            >
              Rename {label}
            </Button>
            <Button variant="outline" size="sm" onClick={onDelete}>
              Delete {label}
            </Button>
          </div>
        </>
      )}
    </li>
  );
}
