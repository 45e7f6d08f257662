import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { lazy, Suspense, useState } from "react";
import { passwordProblem } from "../../convex/validation";
import { ErrorMessage, Field, Form, useFormAction } from "@/components/Form";
import { Page } from "@/components/Page";
import { Button } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { describeAuthError } from "@/lib/authErrors";
import { useAuthClient } from "@/lib/lazyAuthClient";
import { DevMailboxHint } from "@/components/DevMailboxHint";

const footerLink = "text-foreground underline underline-offset-4";

// Only on the "check your inbox" screen: its own chunk.
const EmailCodeForm = lazy(() =>
  import("@/components/EmailCodeForm").then((m) => ({
    default: m.EmailCodeForm,
  })),
);

/**
 * Sign-up never signs in: the emailed link does. The answer is the same
 * whether or not the email already has an account (its owner gets an email
 * saying so), so this page can't be used to find out who is registered.
 */
export default function SignUp() {
  const authClient = useAuthClient();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // In the URL, not state: the answer survives a reload.
  const { sent } = useSearch({ from: "/guest/sign-up" });

  const signUp = useFormAction(async () => {
    const problem = passwordProblem(password);
    if (problem) return problem;
    const { error } = await authClient.signUp.email({
      name: name.trim(),
      email: email.trim(),
      password,
    });
    if (error) return describeAuthError(error);
    await navigate({
      to: "/sign-up",
      search: { sent: email.trim() },
      replace: true,
    });
  });

  if (sent) {
    return (
      <Page narrow>
        <Card>
          <CardHeader>
            <CardTitle as="h1" className="text-xl">
              Check your inbox
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4 text-sm">
            <p role="status" data-testid="sign-up-sent">
              We sent an email to <strong>{sent}</strong>. Open the link in it
              to finish signing up; it signs you in. The link expires in one
              hour.
            </p>
            <p className="text-muted-foreground">
              Nothing there after a few minutes? Check your spam folder, or{" "}
              <Link to="/sign-in" className={footerLink}>
                sign in
              </Link>{" "}
              to get a new link.
            </p>
            <DevMailboxHint />
            <Suspense fallback={null}>
              <EmailCodeForm email={sent} use="email-verification" />
            </Suspense>
          </CardContent>
        </Card>
      </Page>
    );
  }

  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            Create your account
          </CardTitle>
          <CardDescription>
            We&rsquo;ll email you a link to confirm your address.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Form onSubmit={signUp.onSubmit}>
            <Field
              label="Name"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <Field
              label="Email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Field
              label="Password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <ErrorMessage message={signUp.error} />
            <Button type="submit" disabled={signUp.pending}>
              Sign up
            </Button>
          </Form>
        </CardContent>
        <CardFooter className="justify-center text-sm text-muted-foreground">
          <span>
            Already have an account?{" "}
            <Link to="/sign-in" className={footerLink}>
              Sign in
            </Link>
          </span>
        </CardFooter>
      </Card>
    </Page>
  );
}
