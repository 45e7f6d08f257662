import { usePaginatedQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { formatDate } from "@/components/admin/labels";
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
        <CardTitle id="orgs-heading">Organizations</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {status === "LoadingFirstPage" ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : results.length === 0 ? (
          <p className="text-sm text-muted-foreground">No organizations yet.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className={wide}>Slug</TableHead>
                <TableHead>Members</TableHead>
                <TableHead className={wide}>Created</TableHead>
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
            Load more
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
