import { usePaginatedQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { auditActionText, detailsText } from "@/components/admin/labels";
import { formatDateTime } from "@/lib/format";
import { m } from "@/paraglide/messages";

export function AuditLog() {
  const { results, status, loadMore } = usePaginatedQuery(
    api.admin.auditLog,
    {},
    { initialNumItems: 20 },
  );
  return (
    <Card aria-labelledby="audit-heading">
      <CardHeader>
        <CardTitle id="audit-heading">{m.admin_audit_title()}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {results.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {m.admin_audit_empty()}
          </p>
        ) : (
          <ul className="divide-y text-sm" aria-label={m.admin_audit_title()}>
            {results.map((entry) => (
              <li
                key={entry._id}
                className="flex flex-wrap items-center gap-x-2 gap-y-1 py-2"
              >
                <time
                  className="text-muted-foreground"
                  dateTime={new Date(entry._creationTime).toISOString()}
                >
                  {formatDateTime(entry._creationTime)}
                </time>{" "}
                <span className="break-all">{entry.actorEmail}</span> ·{" "}
                <Badge variant="outline">{auditActionText(entry.action)}</Badge>{" "}
                · <span className="break-all">{entry.targetEmail}</span>
                {entry.details && (
                  <span className="text-muted-foreground">
                    ({detailsText(entry.details)})
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {status === "CanLoadMore" && (
          <Button
            variant="outline"
            className="self-start"
            onClick={() => loadMore(20)}
          >
            {m.admin_load_more()}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
