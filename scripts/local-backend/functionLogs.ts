/**
 * Function logs for `convex dev` and `convex logs`: every call's log lines
 * and outcome, served by `/api/stream_function_logs?cursor=<ms>` as a long
 * poll the way a deployment serves them (see PROTOCOL.md).
 */
import type { FunctionLogReader, LogEntry } from "./types";

const KEEP = 1_000;
const POLL_MS = 10_000;

export class FunctionLogs implements FunctionLogReader {
  private readonly entries: { cursor: number; entry: LogEntry }[] = [];
  private waiters: (() => void)[] = [];
  private last = 0;

  record(entry: Omit<LogEntry, "kind" | "timestamp">): void {
    const now = Date.now();
    // Cursors are milliseconds, strictly increasing.
    this.last = Math.max(now, this.last + 1);
    this.entries.push({
      cursor: this.last,
      entry: { kind: "Completion", timestamp: now / 1000, ...entry },
    });
    if (this.entries.length > KEEP) this.entries.shift();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Entries after `cursor`, waiting up to 10 s for one when there are none. */
  async after(
    cursor: number,
    signal?: AbortSignal,
  ): Promise<{ entries: LogEntry[]; newCursor: number }> {
    const newer = () => this.entries.filter((e) => e.cursor > cursor);
    if (cursor > 0 && newer().length === 0 && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.push(wake);
        signal?.addEventListener("abort", wake);
      });
    }
    const found = newer();
    return {
      entries: found.map((e) => e.entry),
      newCursor: found.at(-1)?.cursor ?? Math.max(cursor, this.last, 1),
    };
  }

  /** Ends every pending poll (shutdown). */
  close(): void {
    for (const wake of this.waiters) wake();
    this.waiters = [];
  }
}
