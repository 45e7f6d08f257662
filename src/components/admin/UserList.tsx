import { Link } from "@tanstack/react-router";
import { usePaginatedQuery, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import { Field } from "@/components/Form";
import { Badge } from "@/components/ui/badge";
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

/** Shown below `sm` (640 px) too; the rest only from there. */
const wide = "hidden sm:table-cell";

export function UserList({
  selected,
  pages,
  onMore,
}: {
  /** The user in the URL, whose row is marked. */
  selected: string | undefined;
  /** Pages shown: from the URL, so a reload shows as many again. */
  pages: number;
  onMore: () => void;
}) {
  const [search, setSearch] = useState("");
  // The URL's count on arrival; "Load more" then adds pages in place.
  const [initialPages] = useState(pages);
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.listUsers,
    { search: search.trim() || undefined },
    { initialNumItems: PAGE_SIZE * initialPages },
  );
  const me = useQuery(api.users.me);
  return (
    <Card aria-labelledby="users-heading">
      <CardHeader>
        <CardTitle id="users-heading">{m.admin_users_title()}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Field
          label={m.admin_users_search()}
          type="search"
          required={false}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{m.admin_col_email()}</TableHead>
              <TableHead className={wide}>{m.admin_col_name()}</TableHead>
              <TableHead>{m.admin_col_role()}</TableHead>
              <TableHead>{m.admin_col_status()}</TableHead>
              <TableHead className={wide}>{m.admin_col_verified()}</TableHead>
              <TableHead className={wide}>{m.admin_col_created()}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.map((user) => (
              <TableRow key={user._id} aria-selected={user._id === selected}>
                {/* Wraps on a phone, where the name goes under it. */}
                <TableCell className="whitespace-normal sm:whitespace-nowrap">
                  <Link
                    to="/admin"
                    search={{
                      user: user._id,
                      page: pages > 1 ? pages : undefined,
                    }}
                    replace
                    className="font-medium break-all underline decoration-muted-foreground underline-offset-4 hover:decoration-foreground sm:break-normal"
                  >
                    {user.email}
                  </Link>
                  {user._id === me?._id && (
                    <span className="whitespace-nowrap text-muted-foreground">
                      {" "}
                      {m.admin_you()}
                    </span>
                  )}
                  <span className="block text-muted-foreground sm:hidden">
                    {user.name}
                  </span>
                </TableCell>
                <TableCell className={wide}>{user.name}</TableCell>
                <TableCell>
                  <Badge
                    variant={user.role === "admin" ? "default" : "secondary"}
                  >
                    {user.role}
                  </Badge>
                </TableCell>
                <TableCell data-testid="list-status">
                  {user.disabled ? (
                    <Badge variant="outline">{m.admin_status_disabled()}</Badge>
                  ) : (
                    m.admin_status_active()
                  )}
                </TableCell>
                <TableCell className={wide}>
                  {user.emailVerified ? m.admin_yes() : m.admin_no()}
                </TableCell>
                <TableCell className={wide}>
                  <time dateTime={new Date(user.createdAt).toISOString()}>
                    {formatDate(user.createdAt)}
                  </time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {status === "CanLoadMore" && (
          <Button
            variant="outline"
            className="self-start"
            onClick={() => {
              loadMore(PAGE_SIZE);
              onMore();
            }}
          >
            {m.admin_load_more()}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
