import { useMutation, useQuery } from "convex/react";
import { Trash2 } from "lucide-react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
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

// The messages load with the first error: the first bundle doesn't carry them.
const loadAuthErrors = () => import("@/lib/authErrors");

/** "Ada’s" while an admin views the app as Ada, else nothing. */
export type Whose = string | null | undefined;

export default function Notes({ whose }: { whose: Whose }) {
  const notes = useQuery(api.notes.list);
  const create = useMutation(api.notes.create);
  const remove = useMutation(api.notes.remove);
  const [text, setText] = useState("");

  const add = useFormAction(async () => {
    try {
      await create({ text });
      setText("");
    } catch (error) {
      return (await loadAuthErrors()).describeConvexError(error);
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{whose ?? "Your"} notes</CardTitle>
        <CardDescription>
          {whose
            ? "Only they, and you while viewing as them, can see them."
            : "Only you can see them."}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form onSubmit={add.onSubmit} className={inlineForm}>
          <Field
            label="Note"
            className="grid flex-1 gap-2"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" disabled={add.pending}>
            Add note
          </Button>
        </form>
        <ErrorMessage message={add.error} />
        {notes === undefined ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : notes.length === 0 ? (
          <p className="text-sm text-muted-foreground">No notes yet.</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label="Notes">
            {notes.map((note) => (
              <li
                key={note._id}
                className="flex items-center justify-between gap-3 py-1 pr-1 pl-3 text-sm"
              >
                <span className="break-words">{note.text}</span>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Delete note: ${note.text}`}
                  onClick={() => void remove({ id: note._id })}
                >
                  <Trash2 />
                </Button>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
