import { usePaginatedQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { m } from "@/paraglide/messages";

const PAGE_SIZE = 20;
const wide = "hidden sm:table-cell";

/** Every organization, newest first, with its member count. */
export function OrganizationList() {
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.listOrganizations,
    {},
    { initialNumItems: PAGE_SIZE },
  );
  return (
    <Card aria-labelledby="orgs-heading">
      <CardHeader>
        <CardTitle id="orgs-heading">{m.admin_orgs_title()}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {status === "LoadingFirstPage" ? (
          <p className="text-sm text-muted-foreground">{m.app_loading()}</p>
        ) : results.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {m.admin_orgs_empty()}
          </p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{m.admin_col_name()}</TableHead>
                <TableHead className={wide}>{m.admin_col_slug()}</TableHead>
                <TableHead>{m.admin_col_members()}</TableHead>
                <TableHead className={wide}>{m.admin_col_created()}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {results.map((org) => (
                <TableRow key={org.id}>
                  <TableCell className="font-medium whitespace-normal">
                    {org.name}
                    <span className="block text-muted-foreground sm:hidden">
                      {org.slug}
                    </span>
                  </TableCell>
                  <TableCell className={wide}>{org.slug}</TableCell>
                  <TableCell data-testid="org-member-count">
                    {org.memberCount}
                  </TableCell>
                  <TableCell className={wide}>
                    <time dateTime={new Date(org.createdAt).toISOString()}>
                      {formatDate(org.createdAt)}
                    </time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {status === "CanLoadMore" && (
          <Button
            variant="outline"
            className="self-start"
            onClick={() => loadMore(PAGE_SIZE)}
          >
            {m.admin_load_more()}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
