import { usePaginatedQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import { Field } from "../Form";

const PAGE_SIZE = 20;

export function UserList({
  onSelect,
  selected,
}: {
  onSelect: (id: Id<"users">) => void;
  selected: Id<"users"> | null;
}) {
  const [search, setSearch] = useState("");
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.listUsers,
    { search: search.trim() || undefined },
    { initialNumItems: PAGE_SIZE },
  );
  return (
    <section className="card" aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      <Field
        label="Search by email"
        type="search"
        required={false}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Verified</th>
            <th>Disabled</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {results.map((user) => (
            <tr key={user._id} aria-selected={user._id === selected}>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => onSelect(user._id)}
                >
                  {user.email}
                </button>
              </td>
              <td>{user.name}</td>
              <td>{user.role}</td>
              <td>{user.emailVerified ? "yes" : "no"}</td>
              <td>{user.disabled ? "yes" : "no"}</td>
              <td>{new Date(user.createdAt).toLocaleDateString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {status === "CanLoadMore" && (
        <button
          type="button"
          className="secondary"
          onClick={() => loadMore(PAGE_SIZE)}
        >
          Load more
        </button>
      )}
    </section>
  );
}
