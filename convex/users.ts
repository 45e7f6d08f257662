import { v } from "convex/values";
import { internalMutation, internalQuery, query } from "./_generated/server";
import { getCurrentUser } from "./authorization";
import { readReport, startRun } from "./doctor";

/**
 * The signed-in user's app row (with role), or null when signed out or when
 * the session behind the token has been revoked.
 *
 * Public without a builder on purpose: "not signed in" is an answer here
 * (null), not an error, so the SPA can use it to render either state.
 */
export const me = query({
  args: {},
  handler: async (ctx) => await getCurrentUser(ctx),
});

/**
 * Starts a drift doctor run (convex/doctor.ts) and returns its id; the run
 * goes on in scheduled steps. Operators only:
 *
 *   npx convex run users:doctor                      report
 *   npx convex run users:doctor '{"repair": true}'   report and repair
 */
export const doctor = internalMutation({
  args: { repair: v.optional(v.boolean()) },
  handler: async (ctx, { repair = false }) => {
    const runId = await startRun(ctx, repair);
    return {
      runId,
      hint: `Running in the background. Report: npx convex run users:doctorReport '{"runId":"${runId}"}' (status "done" when finished).`,
    };
  },
});

/** A doctor run's report: `{"runId": …}`, or the latest run without args. */
export const doctorReport = internalQuery({
  args: { runId: v.optional(v.id("doctorRuns")) },
  handler: async (ctx, { runId }) => await readReport(ctx, runId),
});
