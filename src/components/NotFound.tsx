import { Link } from "@tanstack/react-router";
import { Page } from "@/components/Page";
import { buttonVariants } from "@/components/ui/button";
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { m } from "@/paraglide/messages";

export function NotFound() {
  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1">{m.app_not_found_title()}</CardTitle>
          <CardDescription>{m.app_not_found_text()}</CardDescription>
        </CardHeader>
        <CardContent>
          <Link to="/" className={buttonVariants()}>
            {m.app_not_found_home()}
          </Link>
        </CardContent>
      </Card>
    </Page>
  );
}
