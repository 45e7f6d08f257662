import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { useEffect, useState, type ReactNode } from "react";
import { api } from "../../convex/_generated/api";
import { ErrorMessage } from "@/components/Form";
import { Page } from "@/components/Page";
import { roleInSentence } from "@/components/org/permissions";
import { Button, buttonVariants } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { describeConvexError } from "@/lib/authErrors";
import { forgetInvitation, rememberInvitation } from "@/lib/pendingInvitation";
import { notify } from "@/lib/toast";
import { m } from "@/paraglide/messages";

// Called on render: the language can change while the page is open.
const CLOSED = {
  notFound: () => [
    m.auth_invitation_not_found_title(),
    m.auth_invitation_not_found_text(),
  ],
  expired: () => [
    m.auth_invitation_expired_title(),
    m.auth_invitation_expired_text(),
  ],
  accepted: () => [
    m.auth_invitation_accepted_title(),
    m.auth_invitation_accepted_text(),
  ],
  rejected: () => [
    m.auth_invitation_declined(),
    m.auth_invitation_declined_text(),
  ],
} satisfies Record<string, () => [string, string]>;

/**
 * Where an invitation email's link lands, signed in or out. Signed out, it
 * offers sign-in and sign-up, and remembers the invitation so the sign-up's
 * emailed link comes back here. It never says whether the invited address
 * has an account.
 */
export default function Invitation() {
  const { invitationId } = useParams({ from: "/invitation/$invitationId" });
  const { isAuthenticated, isLoading } = useConvexAuth();
  const preview = useQuery(api.invitations.preview, { invitationId });
  const accept = useMutation(api.invitations.accept);
  const decline = useMutation(api.invitations.decline);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  // Set from the click on: the answer makes the invitation "accepted" or
  // "rejected" before the navigation away, and that isn't news to show.
  const [answering, setAnswering] = useState<"accept" | "decline" | null>(null);
  const here = `/invitation/${encodeURIComponent(invitationId)}`;
  const signedOut = !isLoading && !isAuthenticated;

  useEffect(() => {
    if (signedOut && preview?.status === "pending") {
      rememberInvitation(invitationId);
    }
  }, [signedOut, preview?.status, invitationId]);

  if (preview === undefined || isLoading) {
    return (
      <Shell title={m.auth_invitation_title()}>
        <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
      </Shell>
    );
  }
  const joinTitle =
    preview.status === "notFound"
      ? ""
      : m.auth_invitation_join_title({
          organization: preview.organizationName,
        });
  if (
    answering &&
    preview.status !== "pending" &&
    preview.status !== "notFound"
  ) {
    return (
      <Shell title={joinTitle}>
        <p role="status" className="text-sm text-muted-foreground">
          {answering === "accept"
            ? m.auth_invitation_joining()
            : m.auth_invitation_declining()}
        </p>
      </Shell>
    );
  }
  if (preview.status !== "pending") {
    const [title, text] = CLOSED[preview.status]();
    return (
      <Shell title={title}>
        <p className="text-sm">{text}</p>
        <Link to="/" className={buttonVariants({ className: "self-start" })}>
          {m.auth_go_to_app()}
        </Link>
      </Shell>
    );
  }
  const description = m.auth_invitation_description({
    organization: preview.organizationName,
    role: roleInSentence(preview.role),
  });

  if (signedOut) {
    return (
      <Shell title={joinTitle} description={description}>
        <p className="text-sm">{m.auth_invitation_signed_out_text()}</p>
        <div className="flex flex-wrap gap-2">
          <Link
            to="/sign-in"
            search={{ redirect: here }}
            className={buttonVariants()}
          >
            {m.auth_sign_in()}
          </Link>
          <Link
            to="/sign-up"
            search={{ redirect: here }}
            className={buttonVariants({ variant: "outline" })}
          >
            {m.auth_create_account()}
          </Link>
        </div>
      </Shell>
    );
  }

  if (preview.alreadyMember) {
    return (
      <Shell
        title={m.auth_invitation_already_member_title({
          organization: preview.organizationName,
        })}
      >
        <p className="text-sm">{m.auth_invitation_already_member_text()}</p>
        <Link
          to="/team"
          className={buttonVariants({ className: "self-start" })}
        >
          {m.auth_open_organizations()}
        </Link>
      </Shell>
    );
  }

  if (!preview.forCaller) {
    return (
      <Shell title={joinTitle} description={description}>
        <ErrorMessage
          message={m.auth_invitation_wrong_account({
            // Set whenever signed in (masked: convex/invitations.ts).
            email: preview.invitedEmail ?? "",
          })}
        />
      </Shell>
    );
  }

  const answer = async (how: "accept" | "decline") => {
    setAnswering(how);
    setError(null);
    try {
      if (how === "accept") await accept({ invitationId });
      else await decline({ invitationId });
    } catch (caught) {
      setError(describeConvexError(caught));
      setAnswering(null);
      return;
    }
    // Answered: a later emailed link (say, a change of email) isn't sent here.
    forgetInvitation();
    if (how === "accept") {
      notify(
        m.auth_invitation_joined_toast({
          organization: preview.organizationName,
        }),
      );
      await navigate({ to: "/team", search: {} });
    } else {
      notify(m.auth_invitation_declined());
      await navigate({ to: "/" });
    }
  };
  const pending = answering !== null;

  return (
    <Shell title={joinTitle} description={description}>
      <ErrorMessage message={error} />
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending} onClick={() => void answer("accept")}>
          {m.auth_invitation_accept()}
        </Button>
        <Button
          variant="outline"
          disabled={pending}
          onClick={() => void answer("decline")}
        >
          {m.auth_invitation_decline()}
        </Button>
      </div>
    </Shell>
  );
}

function Shell({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl wrap-anywhere">
            {title}
          </CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </CardHeader>
        <CardContent className="flex flex-col gap-4">{children}</CardContent>
      </Card>
    </Page>
  );
}
