import { useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { AuditLog } from "../components/admin/AuditLog";
import { UserDetail } from "../components/admin/UserDetail";
import { UserList } from "../components/admin/UserList";

/** The admin console. The server refuses non-admins; this only hides it. */
export default function Admin() {
  const me = useQuery(api.users.me);
  const [selected, setSelected] = useState<Id<"users"> | null>(null);
  if (me === undefined) return <p className="muted">Loading…</p>;
  if (me?.role !== "admin") {
    return (
      <section className="card narrow">
        <h1>Admin</h1>
        <p role="alert" className="error">
          Only admins can see this page.
        </p>
      </section>
    );
  }
  return (
    <>
      <h1>Admin</h1>
      <div className="admin">
        <UserList onSelect={setSelected} selected={selected} />
        {selected && (
          <UserDetail userId={selected} onDeleted={() => setSelected(null)} />
        )}
      </div>
      <AuditLog />
    </>
  );
}
