/**
 * Where a journey's time goes: the moments read from one document's
 * timings, in ms from the journey's start (navigation start for a reload,
 * the click for a sign-in). A moment that didn't happen is null.
 */
import type { PageTimings } from "./probe";

export type Phase = {
  name: string;
  /** What it marks, for the printed table's notes. */
  means: string;
  /** Only meaningful from navigation start (a page load). */
  pageLoadOnly: boolean;
  at(timings: PageTimings, from: number): number | null;
};

const firstFrom = (times: number[], from: number) =>
  times.find((time) => time >= from) ?? null;

/** The first request to a Better Auth route under `prefix` after `from`. */
const authRequest = (timings: PageTimings, from: number, prefix: string) =>
  timings.authRequests.find(
    (request) => request.sent >= from && request.path.startsWith(prefix),
  );

const authSent = (timings: PageTimings, from: number) =>
  firstFrom(timings.probe.authSent, from);

export const PHASES: Phase[] = [
  {
    name: "HTML",
    means: "the document's responseEnd (navigation timing)",
    pageLoadOnly: true,
    at: (timings) => timings.htmlReceived,
  },
  {
    name: "entry script received",
    means: "the <script type=module>'s responseEnd (resource timing)",
    pageLoadOnly: true,
    at: (timings) => timings.entryScriptReceived,
  },
  {
    name: "script evaluated",
    means:
      "DOMContentLoaded: fires once the deferred entry module and its static imports have run",
    pageLoadOnly: true,
    at: (timings) => timings.scriptsEvaluated,
  },
  {
    name: "first render",
    means: "#root first has children (React's first commit)",
    pageLoadOnly: true,
    at: (timings) => timings.probe.firstRender,
  },
  {
    name: "WebSocket open",
    means: "the Convex socket's open event",
    pageLoadOnly: true,
    at: (timings) => timings.probe.socketOpen,
  },
  {
    name: "sign-in request sent",
    means: "the POST to /api/auth/sign-in/… left the page (resource timing)",
    pageLoadOnly: false,
    at: (timings, from) =>
      authRequest(timings, from, "/api/auth/sign-in/")?.sent ?? null,
  },
  {
    name: "sign-in answered",
    means: "its answer fully received",
    pageLoadOnly: false,
    at: (timings, from) =>
      authRequest(timings, from, "/api/auth/sign-in/")?.answered ?? null,
  },
  {
    name: "token request sent",
    means: "the GET of /api/auth/convex/token after it",
    pageLoadOnly: false,
    at: (timings, from) =>
      authRequest(timings, from, "/api/auth/convex/token")?.sent ?? null,
  },
  {
    name: "token answered",
    means: "the JWT received",
    pageLoadOnly: false,
    at: (timings, from) =>
      authRequest(timings, from, "/api/auth/convex/token")?.answered ?? null,
  },
  {
    name: "token sent",
    means: "the first Authenticate with a user JWT sent on the socket",
    pageLoadOnly: false,
    at: authSent,
  },
  {
    name: "authenticated",
    means:
      "the server's first Transition after it that raises the identity version",
    pageLoadOnly: false,
    at: (timings, from) => {
      const sent = authSent(timings, from);
      return sent === null
        ? null
        : firstFrom(timings.probe.authConfirmed, sent);
    },
  },
  {
    name: "first query result",
    means: "the first Transition carrying a QueryUpdated",
    pageLoadOnly: false,
    at: (timings, from) => firstFrom(timings.probe.queryResults, from),
  },
  {
    name: "own data result",
    means: "the first Transition with a non-null result of the own-data query",
    pageLoadOnly: false,
    at: (timings, from) => firstFrom(timings.probe.ownResults, from),
  },
  {
    name: "on screen",
    means: "the user's own data in the DOM (MutationObserver)",
    pageLoadOnly: false,
    at: (timings) => timings.probe.onScreen,
  },
];

export type Measurement = {
  /** Start to the user's own data in the DOM. */
  ms: number;
  phases: Record<string, number | null>;
};

/** A journey's measurement from its document's timings; `from` is its start. */
export function measurement(timings: PageTimings, from: number): Measurement {
  const phases: Record<string, number | null> = {};
  for (const phase of PHASES) {
    if (phase.pageLoadOnly && from !== 0) continue;
    const at = phase.at(timings, from);
    phases[phase.name] = at === null ? null : at - from;
  }
  return { ms: timings.probe.onScreen! - from, phases };
}
