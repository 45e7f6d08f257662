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

export function NotFound() {
  return (
    <Page narrow>
      <Card>
        <CardHeader>
          <CardTitle as="h1">Page not found</CardTitle>
          <CardDescription>There is nothing at this address.</CardDescription>
        </CardHeader>
        <CardContent>
          <Link to="/" className={buttonVariants()}>
            Go to the start page
          </Link>
        </CardContent>
      </Card>
    </Page>
  );
}
