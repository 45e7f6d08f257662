import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import type { Doc } from "../../convex/_generated/dataModel";
import { ErrorMessage, Field, Notice, useFormAction } from "../components/Form";
import { SessionEnded } from "../components/SessionEnded";
import { describeAuthError, describeConvexError } from "../lib/authErrors";
import { useAuthClient } from "../lib/authClientContext";

export default function Dashboard() {
  const me = useQuery(api.users.me);
  if (me === undefined) return <p className="muted">Loading your account…</p>;
  if (me === null) return <SessionEnded />;
  return (
    <>
      <Profile me={me} />
      <Notes />
    </>
  );
}

/** The app `users` row written by the sign-up trigger: visible proof of it. */
function Profile({ me }: { me: Doc<"users"> }) {
  return (
    <section className="card">
      <h1>Welcome, {me.name}</h1>
      <dl className="facts">
        <dt>Email</dt>
        <dd data-testid="me-email">{me.email}</dd>
        <dt>Role</dt>
        <dd data-testid="me-role">{me.role}</dd>
        <dt>Email verified</dt>
        <dd data-testid="me-verified">{me.emailVerified ? "yes" : "no"}</dd>
        <dt>Member since</dt>
        <dd data-testid="me-since">
          {new Date(me.createdAt).toLocaleString()}
        </dd>
      </dl>
      {!me.emailVerified && <ResendVerification email={me.email} />}
    </section>
  );
}

function ResendVerification({ email }: { email: string }) {
  const authClient = useAuthClient();
  const [sent, setSent] = useState(false);
  const resend = useFormAction(async () => {
    const { error } = await authClient.sendVerificationEmail({
      email,
      callbackURL: `${window.location.origin}/verify-email`,
    });
    if (error) return describeAuthError(error);
    setSent(true);
  });
  if (sent) return <Notice>We sent a new verification link to {email}.</Notice>;
  return (
    <form onSubmit={resend.onSubmit}>
      <ErrorMessage message={resend.error} />
      <button type="submit" className="secondary" disabled={resend.pending}>
        Resend verification email
      </button>
    </form>
  );
}

function Notes() {
  const notes = useQuery(api.notes.list);
  const create = useMutation(api.notes.create);
  const remove = useMutation(api.notes.remove);
  const [text, setText] = useState("");

  const add = useFormAction(async () => {
    try {
      await create({ text });
      setText("");
    } catch (error) {
      return describeConvexError(error);
    }
  });

  return (
    <section className="card">
      <h2>Your notes</h2>
      <form onSubmit={add.onSubmit} className="inline">
        <Field
          label="Note"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={add.pending}>
          Add note
        </button>
      </form>
      <ErrorMessage message={add.error} />
      {notes === undefined ? (
        <p className="muted">Loading…</p>
      ) : notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="notes" aria-label="Notes">
          {notes.map((note) => (
            <li key={note._id}>
              <span>{note.text}</span>
              <button
                type="button"
                className="link"
                aria-label={`Delete note: ${note.text}`}
                onClick={() => void remove({ id: note._id })}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
