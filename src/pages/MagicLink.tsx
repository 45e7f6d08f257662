/**
 * Where an emailed sign-in link lands (`?token=…&callbackURL=…`). Better
 * Auth's own link signs in on a plain GET, so a mail scanner that fetches
 * links would spend it; this page spends it only when the person clicks,
 * by opening that link with the same query (convex/auth.ts,
 * `magicLinkPage`). Only this deployment's verify route is ever opened.
 */
import { Page } from "@/components/Page";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { readClientEnv } from "@/lib/env";
import { m } from "@/paraglide/messages";

export default function MagicLink() {
  const signIn = () => {
    const query = new URLSearchParams(window.location.search);
    const verify = new URL(
      `${readClientEnv().convexSiteUrl}/api/auth/magic-link/verify`,
    );
    verify.search = query.toString();
    window.location.assign(verify.toString());
  };
  const hasToken = new URLSearchParams(window.location.search).has("token");
  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {m.auth_sign_in()}
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          {hasToken ? (
            <>
              <p>{m.auth_magic_link_prompt()}</p>
              <Button onClick={signIn}>{m.auth_sign_in()}</Button>
            </>
          ) : (
            <p role="alert">{m.auth_magic_link_incomplete()}</p>
          )}
        </CardContent>
      </Card>
    </Page>
  );
}
