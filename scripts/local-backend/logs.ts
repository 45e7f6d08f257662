/**
 * Captures what a Convex function logs, per top-level call, in the
 * `[LEVEL] message` form the Convex clients expect in `logLines`, and echoes
 * it to the server's own output.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";

const store = new AsyncLocalStorage<string[]>();
const LEVELS = {
  log: "LOG",
  info: "INFO",
  warn: "WARN",
  error: "ERROR",
  debug: "DEBUG",
} as const;
const original = globalThis.console;

let installed = false;

// Terminal colour and style codes (ESC [ … m).
// eslint-disable-next-line no-control-regex
const ANSI_STYLE = /\u001b\[[0-9;]*m/g;

/**
 * One console argument the way a deployment shows it: strings always in
 * single quotes, and no terminal colours. Libraries that colour their logs
 * when they see a terminal (Better Auth reads TERM, COLORTERM…) see this
 * process's; a deployment has none, and `convex dev` would print the codes
 * as raw text inside the quotes.
 */
function formatArgument(arg: unknown): string {
  return typeof arg === "string"
    ? `'${arg.replace(ANSI_STYLE, "").replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`
    : inspect(arg, { depth: 4, colors: false }).replace(ANSI_STYLE, "");
}

/** Replaces the global console once; outside a captured call it is a no-op wrapper. */
export function installLogCapture(echo: (line: string) => void): void {
  if (installed) return;
  installed = true;
  const capturing = Object.create(original) as Console;
  for (const [method, level] of Object.entries(LEVELS)) {
    capturing[method as keyof typeof LEVELS] = (...args: unknown[]) => {
      const lines = store.getStore();
      if (!lines) {
        original[method as keyof typeof LEVELS](...args);
        return;
      }
      // Like a deployment: every argument inspected, so strings show quoted.
      const text = args.map(formatArgument).join(" ");
      const line = `[${level}] ${text}`;
      lines.push(line);
      echo(line);
    };
  }
  // convex-test treats `console` as a replaceable global, so assigning it
  // reaches code running inside functions too.
  globalThis.console = capturing;
}

/** Runs `fn`, returning its result together with the lines it logged. */
export async function withLogCapture<T>(
  fn: () => Promise<T>,
): Promise<{ logLines: string[]; result: PromiseSettledResult<T> }> {
  const lines: string[] = [];
  const result = await store.run(lines, async () => {
    try {
      return { status: "fulfilled" as const, value: await fn() };
    } catch (reason) {
      return { status: "rejected" as const, reason };
    }
  });
  return { logLines: lines, result };
}
