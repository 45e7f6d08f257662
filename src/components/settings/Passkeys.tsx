import { useId, useState } from "react";
import {
  MAX_PASSKEY_NAME_LENGTH,
  passkeyNameIssue,
} from "../../../convex/passkeys";
import { problemWords } from "@/lib/validation";
import { describeAuthError } from "@/lib/authErrors";
import type { PasskeyResult, PasskeyRow } from "@/lib/passkeys";
import { notify } from "@/lib/toast";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { ConfirmButton } from "@/components/ConfirmDialog";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useAccountMethods } from "@/components/settings/accountMethods";
import { SettingsCard } from "@/components/settings/SettingsCard";
import {
  SignInAgain,
  needsFreshSignIn,
} from "@/components/settings/SignInAgain";
import { m } from "@/paraglide/messages";

/** The name's problem, checked before any ceremony or request. */
function nameProblem(name: string): string | null {
  if (!name.trim()) return m.settings_passkey_name_missing();
  return problemWords(passkeyNameIssue(name));
}

/**
 * The user's passkeys: add one (named), rename, delete. A passkey signs in
 * without the password and without the authenticator-app code: the device
 * and its PIN or biometric are already two factors.
 */
export function Passkeys() {
  const {
    passkeys: rows,
    passkeyApi: api,
    passkeyError,
    reloadPasskeys,
  } = useAccountMethods();
  const [name, setName] = useState("");
  const [stale, setStale] = useState(false);
  const hint = useId();

  const add = useFormAction(async () => {
    if (!api) return;
    const problem = nameProblem(name);
    if (problem) return problem;
    setStale(false);
    const { error } = await api.add(name.trim());
    if (needsFreshSignIn(error)) return void setStale(true);
    if (error) return describeAuthError(error);
    setName("");
    reloadPasskeys();
    notify(m.settings_passkey_added());
  });

  const run = async (
    action: Promise<PasskeyResult<unknown>>,
    done: () => string,
  ): Promise<string | void> => {
    const { error } = await action;
    reloadPasskeys();
    if (error) return describeAuthError(error);
    notify(done());
  };

  return (
    <SettingsCard
      title={m.settings_passkeys_title()}
      description={m.settings_passkeys_description()}
    >
      <ErrorMessage message={passkeyError} />
      {rows === null || api === null ? (
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          {m.settings_passkeys_empty()}
        </p>
      ) : (
        <ul
          className="divide-y rounded-md border"
          aria-label={m.settings_passkeys_title()}
        >
          {rows.map((row) => (
            <PasskeyItem
              key={row.id}
              row={row}
              onRename={(newName) =>
                run(api.rename(row.id, newName), m.settings_passkey_renamed)
              }
              onDelete={() =>
                run(api.remove(row.id), m.settings_passkey_deleted)
              }
            />
          ))}
        </ul>
      )}
      <form onSubmit={add.onSubmit} className={inlineForm}>
        <NameField
          label={m.settings_passkey_name_label()}
          placeholder={m.settings_passkey_name_placeholder()}
          value={name}
          onChange={setName}
          hint={hint}
        />
        <Button type="submit" disabled={add.pending || !api}>
          {m.settings_passkey_add()}
        </Button>
      </form>
      <NameHint id={hint} value={name} />
      <ErrorMessage message={add.error} />
      {stale && (
        <SignInAgain
          message={m.settings_sign_in_again_passkey()}
          section="security"
        />
      )}
    </SettingsCard>
  );
}

/**
 * A name field that never cuts what is typed or pasted (no `maxLength`): a
 * longer name is refused with the limit, which `NameHint` below it says.
 */
function NameField({
  label,
  placeholder,
  value,
  onChange,
  hint,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  /** The id of its `NameHint`. */
  hint: string;
}) {
  return (
    <Field
      label={label}
      className="grid min-w-0 flex-1 gap-2"
      placeholder={placeholder}
      aria-invalid={value.trim().length > MAX_PASSKEY_NAME_LENGTH || undefined}
      aria-describedby={hint}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** The limit and the count, under the form (so the button lines up). */
function NameHint({ id, value }: { id: string; value: string }) {
  const length = value.trim().length;
  return (
    <p
      id={id}
      className={cn(
        "-mt-2 text-sm",
        length > MAX_PASSKEY_NAME_LENGTH
          ? "text-destructive"
          : "text-muted-foreground",
      )}
    >
      {m.settings_passkey_name_hint({
        max: MAX_PASSKEY_NAME_LENGTH,
        length,
      })}
    </p>
  );
}

function PasskeyItem({
  row,
  onRename,
  onDelete,
}: {
  row: PasskeyRow;
  onRename: (name: string) => Promise<string | void>;
  onDelete: () => Promise<string | void>;
}) {
  const label = row.name || m.settings_passkey_unnamed();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(label);
  const hint = useId();
  const rename = useFormAction(async () => {
    const problem = nameProblem(draft);
    if (problem) return problem;
    const message = await onRename(draft.trim());
    if (message) return message;
    setEditing(false);
  });
  return (
    <li
      data-testid="passkey"
      className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm"
    >
      {editing ? (
        <div className="flex w-full flex-col gap-3">
          <form className={inlineForm} onSubmit={rename.onSubmit}>
            <NameField
              label={m.settings_passkey_new_name_label({ name: label })}
              value={draft}
              onChange={setDraft}
              hint={hint}
            />
            <div className="flex gap-2">
              <Button type="submit" size="sm" disabled={rename.pending}>
                {m.settings_save()}
              </Button>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setEditing(false)}
              >
                {m.settings_cancel()}
              </Button>
            </div>
          </form>
          <NameHint id={hint} value={draft} />
          <ErrorMessage message={rename.error} />
        </div>
      ) : (
        <>
          {/* min-w-0 and anywhere-wrapping: a long name wraps inside the card. */}
          <div className="flex min-w-0 flex-1 basis-48 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2 font-medium">
              <span
                data-testid="passkey-name"
                className="min-w-0 [overflow-wrap:anywhere]"
              >
                {label}
              </span>
              {row.backedUp && (
                <Badge variant="secondary">{m.settings_passkey_synced()}</Badge>
              )}
            </div>
            <div className="text-muted-foreground">
              {m.settings_passkey_created({
                date: formatDateTime(new Date(row.createdAt)),
              })}
            </div>
          </div>
          <div className="flex gap-2">
            <Button
              variant="outline"
              size="sm"
              onClick={() => {
                setDraft(label);
                setEditing(true);
              }}
            >
              {/* Short on screen, whole for screen readers and tests. */}
              <span aria-hidden>{m.settings_passkey_rename()}</span>
              <span className="sr-only">
                {m.settings_passkey_rename_named({ name: label })}
              </span>
            </Button>
            <ConfirmButton
              title={m.settings_passkey_delete_title()}
              description={m.settings_passkey_delete_description({
                name: label,
              })}
              confirmLabel={m.settings_passkey_delete_confirm()}
              destructive
              onConfirm={onDelete}
            >
              <span aria-hidden>{m.settings_passkey_delete()}</span>
              <span className="sr-only">
                {m.settings_passkey_delete_named({ name: label })}
              </span>
            </ConfirmButton>
          </div>
        </>
      )}
    </li>
  );
}
