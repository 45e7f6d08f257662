import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Sent emails and dev-mailbox rows are cleared after their retention time
// (convex/retention.ts). Off the top of the hour, as Convex advises.
crons.interval(
  "clear old emails and dev-mailbox rows",
  { hours: 1 },
  internal.retention.clearOldEmails,
  {},
);

export default crons;
