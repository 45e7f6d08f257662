import { Outlet } from "@tanstack/react-router";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { Page } from "@/components/Page";
import { ErrorMessage } from "@/components/Form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { m } from "@/paraglide/messages";

/**
 * The admin area of the route tree: its pages render only for admins. The
 * server refuses non-admins anyway; this spares them a broken page. Reactive,
 * so a user promoted while the page is open sees the console at once.
 */
export function AdminOnly() {
  const me = useQuery(api.users.me);
  if (me === undefined)
    return <p className="text-sm text-muted-foreground">{m.app_loading()}</p>;
  if (me?.role === "admin") return <Outlet />;
  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1">{m.admin_title()}</CardTitle>
        </CardHeader>
        <CardContent>
          <ErrorMessage message={m.admin_only_admins()} />
        </CardContent>
      </Card>
    </Page>
  );
}
