import { useMutation, useQuery } from "convex/react";
import { Trash2 } from "lucide-react";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { api } from "../../convex/_generated/api";
import type { Doc } from "../../convex/_generated/dataModel";
import {
  ErrorMessage,
  Field,
  inlineForm,
  useFormAction,
} from "@/components/Form";
import { Page } from "@/components/Page";
import { SessionEnded } from "@/components/SessionEnded";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { useAdminView } from "@/lib/impersonation";

// Shown only for an address not verified yet: rare, so not in the first bundle.
const ResendVerification = lazy(
  () => import("@/components/ResendVerification"),
);

// The messages load with the first error: the first bundle doesn't carry them.
const loadAuthErrors = () => import("@/lib/authErrors");

export default function Dashboard() {
  const me = useQuery(api.users.me);
  // An admin viewing as this user: the copy says whose account this is.
  const whose = useAdminView() && `${me?.name}’s`;
  if (me === undefined)
    return (
      <Page>
        <p className="text-sm text-muted-foreground">Loading your account…</p>
      </Page>
    );
  if (me === null) return <SessionEnded />;
  return (
    <Page>
      <Profile me={me} whose={whose} />
      <Notes whose={whose} />
    </Page>
  );
}

/** The app `users` row written by the sign-up trigger: visible proof of it. */
function Profile({ me, whose }: { me: Doc<"users">; whose: Whose }) {
  const facts: [string, string, ReactNode][] = [
    ["Email", "me-email", me.email],
    ["Role", "me-role", <Badge variant="secondary">{me.role}</Badge>],
    ["Email verified", "me-verified", me.emailVerified ? "yes" : "no"],
    ["Member since", "me-since", new Date(me.createdAt).toLocaleString()],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          {whose ? `${whose} account` : `Welcome, ${me.name}`}
        </CardTitle>
        <CardDescription>
          {whose ? "Their" : "Your"} row in the app&rsquo;s <code>users</code>{" "}
          table, live from Convex.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {facts.map(([label, testId, value]) => (
            <div key={testId} className="contents">
              <dt className="text-muted-foreground">{label}</dt>
              <dd data-testid={testId} className="font-medium break-all">
                {value}
              </dd>
            </div>
          ))}
        </dl>
        {!me.emailVerified && (
          <Suspense fallback={null}>
            <ResendVerification email={me.email} />
          </Suspense>
        )}
      </CardContent>
    </Card>
  );
}

/** "Ada’s" while an admin views the app as Ada, else nothing. */
type Whose = string | null | undefined;

function Notes({ whose }: { whose: Whose }) {
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
