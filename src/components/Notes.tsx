import type { OptimisticLocalStore } from "convex/browser";
import { useMutation, useQuery } from "convex/react";
import { Trash2 } from "lucide-react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { m } from "@/paraglide/messages";

// The messages load with the first error: the first bundle doesn't carry them.
const loadAuthErrors = () => import("@/lib/authErrors");

/** The viewed user's name while an admin views the app as them, else nothing. */
export type Whose = string | null | undefined;

// A note shown before the server has it: its id is made up here.
const PENDING = "pending:";
const isPending = (id: Id<"notes">) => id.startsWith(PENDING);

function showAdded(store: OptimisticLocalStore, { text }: { text: string }) {
  const current = store.getQuery(api.notes.list, {});
  if (current === undefined || !text.trim()) return;
  const note = {
    _id: `${PENDING}${crypto.randomUUID()}` as Id<"notes">,
    _creationTime: Date.now(),
    userId: current[0]?.userId ?? ("" as Id<"users">),
    text: text.trim(),
  };
  store.setQuery(api.notes.list, {}, [note, ...current]);
}

function hideRemoved(store: OptimisticLocalStore, { id }: { id: Id<"notes"> }) {
  const current = store.getQuery(api.notes.list, {});
  if (current === undefined) return;
  const rest = current.filter((note) => note._id !== id);
  store.setQuery(api.notes.list, {}, rest);
}

export default function Notes({ whose }: { whose: Whose }) {
  const notes = useQuery(api.notes.list);
  // Shown at once, "Saving…" until the server has them: a change made
  // offline waits in the Convex client and is sent once when it reconnects.
  const create = useMutation(api.notes.create).withOptimisticUpdate(showAdded);
  const remove = useMutation(api.notes.remove).withOptimisticUpdate(
    hideRemoved,
  );
  const [text, setText] = useState("");
  const [removeError, setRemoveError] = useState<string | null>(null);

  // The field clears at once, so the next note can follow before the server
  // has this one; a refused note comes back into an empty field.
  const add = useFormAction(async () => {
    const sent = text;
    setText("");
    try {
      await create({ text: sent });
    } catch (error) {
      setText((typed) => typed || sent);
      return (await loadAuthErrors()).describeConvexError(error);
    }
  });
  const removeNote = async (id: Id<"notes">) => {
    setRemoveError(null);
    try {
      await remove({ id });
    } catch (error) {
      setRemoveError((await loadAuthErrors()).describeConvexError(error));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          {whose
            ? m.app_notes_title_viewed({ name: whose })
            : m.app_notes_title()}
        </CardTitle>
        <CardDescription>
          {whose ? m.app_notes_private_viewed() : m.app_notes_private()}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form onSubmit={add.onSubmit} className={inlineForm}>
          <Field
            label={m.app_note_label()}
            className="grid flex-1 gap-2"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit">{m.app_note_add()}</Button>
        </form>
        <ErrorMessage message={add.error ?? removeError} />
        {notes === undefined ? (
          <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
        ) : notes.length === 0 ? (
          <p className="text-sm text-muted-foreground">{m.app_notes_empty()}</p>
        ) : (
          <ul
            className="divide-y rounded-md border"
            aria-label={m.app_notes_list()}
          >
            {notes.map((note) => (
              <li
                key={note._id}
                className="flex items-center justify-between gap-3 py-1 pr-1 pl-3 text-sm"
              >
                <span className="break-words">{note.text}</span>
                {isPending(note._id) ? (
                  <span
                    role="status"
                    className="shrink-0 px-2 py-2 text-xs text-muted-foreground"
                  >
                    {m.app_saving()}
                  </span>
                ) : (
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={m.app_note_delete({ text: note.text })}
                    onClick={() => void removeNote(note._id)}
                  >
                    <Trash2 />
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
