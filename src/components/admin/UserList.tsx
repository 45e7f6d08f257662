import { usePaginatedQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
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

const PAGE_SIZE = 20;

export function UserList({
  selected,
  onSelect,
  pages,
  onMore,
}: {
  selected: Id<"users"> | null;
  onSelect: (id: Id<"users">) => void;
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
  return (
    <Card aria-labelledby="users-heading">
      <CardHeader>
        <CardTitle id="users-heading">Users</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Field
          label="Search by email"
          type="search"
          required={false}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Email</TableHead>
              <TableHead>Name</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Verified</TableHead>
              <TableHead>Disabled</TableHead>
              <TableHead>Created</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.map((user) => (
              <TableRow key={user._id} aria-selected={user._id === selected}>
                <TableCell>
                  <Button
                    variant="link"
                    className="h-auto p-0"
                    onClick={() => onSelect(user._id)}
                  >
                    {user.email}
                  </Button>
                </TableCell>
                <TableCell>{user.name}</TableCell>
                <TableCell>
                  <Badge
                    variant={user.role === "admin" ? "default" : "secondary"}
                  >
                    {user.role}
                  </Badge>
                </TableCell>
                <TableCell>{user.emailVerified ? "yes" : "no"}</TableCell>
                <TableCell>{user.disabled ? "yes" : "no"}</TableCell>
                <TableCell>
                  {new Date(user.createdAt).toLocaleDateString()}
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
            Load more
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
