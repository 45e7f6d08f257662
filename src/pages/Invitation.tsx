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

const CLOSED = {
  notFound: [
    "Invitation not found",
    "This invitation doesn't exist or was cancelled. Ask whoever invited you for a new one.",
  ],
  expired: [
    "Invitation expired",
    "Invitations last 48 hours. Ask whoever invited you to send it again.",
  ],
  accepted: ["Invitation already used", "This invitation has been accepted."],
  rejected: ["Invitation declined", "This invitation was declined."],
} as const;

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
      <Shell title="Invitation">
        <p className="text-sm text-muted-foreground">Loading…</p>
      </Shell>
    );
  }
  if (
    answering &&
    preview.status !== "pending" &&
    preview.status !== "notFound"
  ) {
    return (
      <Shell title={`Join ${preview.organizationName}`}>
        <p role="status" className="text-sm text-muted-foreground">
          {answering === "accept" ? "Joining…" : "Declining…"}
        </p>
      </Shell>
    );
  }
  if (preview.status !== "pending") {
    const [title, text] = CLOSED[preview.status];
    return (
      <Shell title={title}>
        <p className="text-sm">{text}</p>
        <Link to="/" className={buttonVariants({ className: "self-start" })}>
          Go to the app
        </Link>
      </Shell>
    );
  }
  const description = `You're invited to join ${preview.organizationName} as ${roleInSentence(preview.role)}.`;

  if (signedOut) {
    return (
      <Shell
        title={`Join ${preview.organizationName}`}
        description={description}
      >
        <p className="text-sm">
          Sign in, or create an account, with the email address this invitation
          was sent to. You can accept it then.
        </p>
        <div className="flex flex-wrap gap-2">
          <Link
            to="/sign-in"
            search={{ redirect: here }}
            className={buttonVariants()}
          >
            Sign in
          </Link>
          <Link
            to="/sign-up"
            search={{ redirect: here }}
            className={buttonVariants({ variant: "outline" })}
          >
            Create an account
          </Link>
        </div>
      </Shell>
    );
  }

  if (preview.alreadyMember) {
    return (
      <Shell title={`You're in ${preview.organizationName}`}>
        <p className="text-sm">You're already a member of this organization.</p>
        <Link
          to="/team"
          className={buttonVariants({ className: "self-start" })}
        >
          Open organizations
        </Link>
      </Shell>
    );
  }

  if (!preview.forCaller) {
    return (
      <Shell
        title={`Join ${preview.organizationName}`}
        description={description}
      >
        <ErrorMessage
          message={`This invitation is for ${preview.invitedEmail}, and you're signed in with another address. Sign out, then sign in with the invited address to accept it.`}
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
      notify(`You joined ${preview.organizationName}`);
      await navigate({ to: "/team", search: {} });
    } else {
      notify("Invitation declined");
      await navigate({ to: "/" });
    }
  };
  const pending = answering !== null;

  return (
    <Shell title={`Join ${preview.organizationName}`} description={description}>
      <ErrorMessage message={error} />
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending} onClick={() => void answer("accept")}>
          Accept invitation
        </Button>
        <Button
          variant="outline"
          disabled={pending}
          onClick={() => void answer("decline")}
        >
          Decline
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
