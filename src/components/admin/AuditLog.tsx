import { usePaginatedQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";

export function AuditLog() {
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.auditLog,
    {},
    { initialNumItems: 20 },
  );
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      {results.length === 0 ? (
        <p className="muted">No admin actions yet.</p>
      ) : (
        <ul className="audit" aria-label="Audit log">
          {results.map((entry) => (
            <li key={entry._id}>
              <time>{new Date(entry._creationTime).toLocaleString()}</time>{" "}
              {entry.actorEmail} · <strong>{entry.action}</strong> ·{" "}
              {entry.targetEmail}
            </li>
          ))}
        </ul>
      )}
      {status === "CanLoadMore" && (
        <button
          type="button"
          className="secondary"
          onClick={() => loadMore(20)}
        >
          Load more
        </button>
      )}
    </section>
  );
}
