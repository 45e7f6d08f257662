/**
 * The in-page probe, installed in every document before the app's own
 * scripts (`addInitScript`). It records, in `performance.now()` time (ms
 * from the document's navigation start):
 *
 * - button clicks (capture phase, so before the app's own handler);
 * - when the app's root (`#root`) first has children: React's first commit;
 * - when the user's own data is in the DOM: an element matching the
 *   app's marker (a MutationObserver, as bench:auth does);
 * - on the Convex WebSocket (window.WebSocket wrapped): when it opened, each
 *   `Authenticate` with a user token sent, each Transition that confirmed an
 *   identity (its identity version went up), each Transition carrying query
 *   results, and those carrying a non-null result of the app's own-data
 *   query (its queryId read from the `ModifyQuerySet` that added it).
 *
 * Message shapes: /work/shared/convex-wire-protocol.md (§4, §5, §6).
 */
import type { Page } from "playwright-core";

export type ProbeOptions = {
  /** udfPath of the query whose result is the user's own data. */
  ownQuery: string;
  /** The element showing it: a selector, and the exact text when needed. */
  marker: { selector: string; text?: string };
};

export type ProbeRecord = {
  clicks: number[];
  firstRender: number | null;
  onScreen: number | null;
  socketOpen: number | null;
  authSent: number[];
  authConfirmed: number[];
  queryResults: number[];
  ownResults: number[];
};

type ProbeWindow = Window & { benchProbe?: ProbeRecord };

/**
 * Runs in the page (serialized by Playwright): self-contained, no imports.
 * A wrapper that throws would break the app, so parsing failures are ignored.
 */
export function installProbe({ ownQuery, marker }: ProbeOptions): void {
  const record: ProbeRecord = {
    clicks: [],
    firstRender: null,
    onScreen: null,
    socketOpen: null,
    authSent: [],
    authConfirmed: [],
    queryResults: [],
    ownResults: [],
  };
  (window as ProbeWindow).benchProbe = record;

  document.addEventListener(
    "click",
    (event) => {
      if (event.target instanceof Element && event.target.closest("button"))
        record.clicks.push(performance.now());
    },
    true,
  );

  const markerShown = () =>
    Array.from(document.querySelectorAll(marker.selector)).some(
      (element) =>
        marker.text === undefined ||
        element.textContent?.trim() === marker.text,
    );
  new MutationObserver(() => {
    const now = performance.now();
    if (
      record.firstRender === null &&
      document.getElementById("root")?.firstChild
    )
      record.firstRender = now;
    if (record.onScreen === null && markerShown()) record.onScreen = now;
  }).observe(document, { childList: true, subtree: true, characterData: true });

  type Modification = {
    type: string;
    queryId: number;
    value?: unknown;
    udfPath?: string;
  };
  const ownQueryIds = new Set<number>();
  const parse = (data: unknown) => {
    if (typeof data !== "string") return undefined;
    try {
      return JSON.parse(data) as {
        type?: string;
        tokenType?: string;
        modifications?: Modification[];
        startVersion?: { identity: number };
        endVersion?: { identity: number };
      };
    } catch {
      return undefined;
    }
  };
  const sent = (data: unknown) => {
    const message = parse(data);
    if (message?.type === "Authenticate" && message.tokenType === "User")
      record.authSent.push(performance.now());
    if (message?.type === "ModifyQuerySet")
      for (const change of message.modifications ?? [])
        if (change.type === "Add" && change.udfPath === ownQuery)
          ownQueryIds.add(change.queryId);
  };
  const received = (data: unknown) => {
    const now = performance.now();
    const message = parse(data);
    if (message?.type !== "Transition") return;
    if (
      (message.endVersion?.identity ?? 0) >
      (message.startVersion?.identity ?? 0)
    )
      record.authConfirmed.push(now);
    const results = (message.modifications ?? []).filter(
      (change) => change.type === "QueryUpdated",
    );
    if (results.length > 0) record.queryResults.push(now);
    if (
      results.some(
        (change) => ownQueryIds.has(change.queryId) && change.value !== null,
      )
    )
      record.ownResults.push(now);
  };

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Listeners added here run before the client's own `onmessage`.
      this.addEventListener("open", () => {
        record.socketOpen ??= performance.now();
      });
      this.addEventListener("message", (event) => received(event.data));
    }
    send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      sent(data);
      super.send(data);
    }
  };
}

/** What a document recorded, with the browser's own navigation and resource timing. */
export type PageTimings = {
  probe: ProbeRecord;
  htmlReceived: number;
  entryScriptReceived: number | null;
  scriptsEvaluated: number;
  /**
   * Requests to Better Auth (`/api/auth/…`), from resource timing: when
   * each was sent and its answer received. Cross-origin without
   * Timing-Allow-Origin, so only these two moments, not the inner phases.
   */
  authRequests: { path: string; sent: number; answered: number }[];
};

/** Waits until the user's own data is in the DOM, then reads the timings. */
export async function timingsOnceShown(page: Page): Promise<PageTimings> {
  await page.waitForFunction(
    () => (window as ProbeWindow).benchProbe?.onScreen != null,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  return await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType(
      "navigation",
    ) as PerformanceNavigationTiming[];
    const entry = document.querySelector<HTMLScriptElement>(
      'script[type="module"][src]',
    );
    const entryTiming = entry
      ? performance.getEntriesByName(entry.src, "resource")[0]
      : undefined;
    return {
      probe: (window as ProbeWindow).benchProbe!,
      htmlReceived: navigation!.responseEnd,
      entryScriptReceived:
        (entryTiming as PerformanceResourceTiming | undefined)?.responseEnd ??
        null,
      // Module scripts are deferred: DOMContentLoaded fires once the entry
      // module and its static imports have been evaluated.
      scriptsEvaluated: navigation!.domContentLoadedEventStart,
      authRequests: (
        performance.getEntriesByType("resource") as PerformanceResourceTiming[]
      ).flatMap((resource) => {
        const path = new URL(resource.name).pathname;
        return path.includes("/api/auth/")
          ? [
              {
                path: path.slice(path.indexOf("/api/auth/")),
                sent: resource.startTime,
                answered: resource.responseEnd,
              },
            ]
          : [];
      }),
    };
  });
}
