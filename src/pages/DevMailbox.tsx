/**
 * /dev/mailbox: the mails this local deployment "sent" (no RESEND_API_KEY),
 * newest first, with their links, and each one as it would arrive: its
 * HTML in a sandboxed frame (no scripts, no access to this page; `srcdoc`,
 * so nothing is fetched and the page's CSP still holds) and its text part. Development builds only (src/router.tsx);
 * the server answers only on a local deployment (convex/devMailbox.ts), so
 * elsewhere the page says so instead of listing anything.
 */
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Page } from "@/components/Page";
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { api } from "../../convex/_generated/api";

type DevMail = FunctionReturnType<typeof api.devMailbox.inbox>[number];

const time = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "medium",
});

export default function DevMailbox() {
  const available = useQuery(api.devMailbox.available, {});
  return (
    <Page>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            Dev mailbox
          </CardTitle>
          <CardDescription>
            Without an email provider, this local deployment keeps the emails it
            would send here, newest first. Anyone who can open this app can read
            them: it exists only on a local deployment.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {available === undefined ? null : available ? (
            <Inbox />
          ) : (
            <p role="status" className="text-sm">
              This deployment has no dev mailbox: it exists only on the local
              deployment <code>npm start</code> runs.
            </p>
          )}
        </CardContent>
      </Card>
    </Page>
  );
}

function Inbox() {
  const mails = useQuery(api.devMailbox.inbox, {});
  if (mails === undefined) return null;
  if (mails.length === 0)
    return (
      <p role="status" className="text-sm text-muted-foreground">
        No emails yet. Sign up, or ask for a sign-in or reset link, and it shows
        up here.
      </p>
    );
  return (
    <ul className="flex flex-col divide-y" data-testid="dev-mailbox">
      {mails.map((mail) => (
        <Mail key={mail.id} mail={mail} />
      ))}
    </ul>
  );
}

function Mail({ mail }: { mail: DevMail }) {
  return (
    <li className="flex min-w-0 flex-col gap-1 py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <span className="font-medium">{mail.subject}</span>
        <time
          dateTime={new Date(mail.sentAt).toISOString()}
          className="text-xs text-muted-foreground"
        >
          {time.format(mail.sentAt)}
        </time>
      </div>
      <span className="text-sm text-muted-foreground">To {mail.to}</span>
      {mail.link && (
        <a
          href={mail.link}
          className="text-sm break-all text-primary underline underline-offset-4"
        >
          {mail.link}
        </a>
      )}
      {mail.html === null ? (
        <span className="text-xs text-muted-foreground">Rendering…</span>
      ) : (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">
            Show the email
          </summary>
          <iframe
            title={`Email: ${mail.subject}`}
            sandbox=""
            srcDoc={mail.html}
            className="mt-2 h-[32rem] w-full rounded-md border bg-white"
          />
          <pre className="mt-2 text-xs whitespace-pre-wrap text-muted-foreground">
            {mail.text}
          </pre>
        </details>
      )}
    </li>
  );
}
