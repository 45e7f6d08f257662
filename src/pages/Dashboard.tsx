import { useQuery } from "convex/react";
import { lazy, Suspense, type ReactNode } from "react";
import { api } from "../../convex/_generated/api";
import type { Doc } from "../../convex/_generated/dataModel";
import type { Whose } from "@/components/Notes";
import { Page } from "@/components/Page";
import { SessionEnded } from "@/components/SessionEnded";
import { Badge } from "@/components/ui/badge";
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { useAdminView } from "@/lib/impersonation";
import { m } from "@/paraglide/messages";
import { prefetched } from "@/lib/prefetched";

// Shown only for an address not verified yet: rare, so not in the first bundle.
const ResendVerification = lazy(
  () => import("@/components/ResendVerification"),
);

// The notes' chunk, fetched as the app starts (src/lib/prefetched.ts): it
// arrives beside the user's data, without weighing on the first bundle.
const useNotes = prefetched(() => import("@/components/Notes"));

export default function Dashboard() {
  const me = useQuery(api.users.me);
  // An admin viewing as this user: the copy names whose account this is.
  const whose = useAdminView() ? me?.name : undefined;
  if (me === undefined)
    return (
      <Page>
        <p className="text-sm text-muted-foreground">
          {m.app_loading_account()}
        </p>
      </Page>
    );
  if (me === null) return <SessionEnded />;
  return (
    <Page>
      <Profile me={me} whose={whose} />
      <NotesWhenLoaded whose={whose} />
    </Page>
  );
}

/** The app `users` row written by the sign-up trigger: visible proof of it. */
function Profile({ me, whose }: { me: Doc<"users">; whose: Whose }) {
  const facts: [string, string, ReactNode][] = [
    [m.app_profile_email(), "me-email", me.email],
    [
      m.app_profile_role(),
      "me-role",
      <Badge variant="secondary">
        {me.role === "admin" ? m.app_role_admin() : m.app_role_user()}
      </Badge>,
    ],
    [
      m.app_profile_verified(),
      "me-verified",
      me.emailVerified ? m.app_yes() : m.app_no(),
    ],
    [m.app_profile_since(), "me-since", formatDateTime(me.createdAt)],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          {whose
            ? m.app_profile_title_viewed({ name: whose })
            : m.app_profile_title({ name: me.name })}
        </CardTitle>
        <CardDescription>
          {whose ? m.app_profile_about_viewed() : m.app_profile_about()}
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

function NotesWhenLoaded({ whose }: { whose: Whose }) {
  const Notes = useNotes();
  // One identity for the app's life: the loaded module's export.
  // eslint-disable-next-line react-hooks/static-components
  return Notes ? <Notes whose={whose} /> : null;
}
