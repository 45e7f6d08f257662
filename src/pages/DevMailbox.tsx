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
import { withElement } from "@/lib/richText";
import { m } from "@/paraglide/messages";
import { getLocale } from "@/paraglide/runtime";

type DevMail = FunctionReturnType<typeof api.devMailbox.inbox>[number];

/** With seconds, unlike formatDateTime: mails often come seconds apart. */
function formatSentAt(time: number): string {
  return new Intl.DateTimeFormat(getLocale(), {
    dateStyle: "medium",
    timeStyle: "medium",
  }).format(time);
}

export default function DevMailbox() {
  const available = useQuery(api.devMailbox.available, {});
  return (
    <Page>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_dev_mailbox_title()}
          </CardTitle>
          <CardDescription>{m.auth_dev_mailbox_description()}</CardDescription>
        </CardHeader>
        <CardContent>
          {available === undefined ? null : available ? (
            <Inbox />
          ) : (
            <p role="status" className="text-sm">
              {withElement(
                (command) => m.auth_dev_mailbox_unavailable({ command }),
                <code>{"npm start"}</code>,
              )}
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
        {m.auth_dev_mailbox_empty()}
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
          {formatSentAt(mail.sentAt)}
        </time>
      </div>
      <span className="text-sm text-muted-foreground">
        {m.auth_dev_mailbox_to({ address: mail.to })}
      </span>
      {mail.link && (
        <a
          href={mail.link}
          className="text-sm break-all text-primary underline underline-offset-4"
        >
          {mail.link}
        </a>
      )}
      {mail.html === null ? (
        <span className="text-xs text-muted-foreground">
          {m.auth_dev_mailbox_rendering()}
        </span>
      ) : (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">
            {m.auth_dev_mailbox_show()}
          </summary>
          <iframe
            title={m.auth_dev_mailbox_frame_title({ subject: mail.subject })}
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
