/**
 * Scheduled functions for subscriptions. Their own writes are seen like any
 * other, but convex-test updates their `_scheduled_functions` rows directly,
 * past the tracked syscalls: poll those rows, and report a change as a
 * write to the table.
 */
import type { Runtime } from "./runtime";
import type { Write } from "./types";

const SCHEDULER_POLL_MS = 200;

/** Polls while `hasSubscribers()`; returns the stop. */
export function watchScheduledFunctions(
  runtime: Runtime,
  hasSubscribers: () => boolean,
  noteWrite: (write: Write) => void,
): () => void {
  let lastJobs = "";
  let polling = false;
  const timer = setInterval(() => {
    // Only subscriptions care; nobody connected means nothing to update.
    if (polling || !hasSubscribers()) return;
    polling = true;
    runtime.t
      .run(async (ctx) => {
        const jobs = await ctx.db.system
          .query("_scheduled_functions")
          .collect();
        return jobs.map((job) => `${job._id}:${job.state.kind}`).join(",");
      })
      .then((signature) => {
        if (signature !== lastJobs) {
          lastJobs = signature;
          noteWrite({ table: "_scheduled_functions" });
        }
      })
      .catch(() => undefined)
      .finally(() => (polling = false));
  }, SCHEDULER_POLL_MS);
  return () => clearInterval(timer);
}
