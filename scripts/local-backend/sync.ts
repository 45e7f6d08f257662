/**
 * One WebSocket client of the Convex sync protocol (see PROTOCOL.md).
 *
 * Everything a connection does goes through one promise chain, so
 * Transitions are never computed concurrently and mutations run in arrival
 * order; actions run beside the chain so a slow one blocks nothing.
 *
 * Each query keeps the read set of its last run; a Transition re-runs only
 * the queries a write has touched since (see readSets.ts).
 */
import type { WebSocket } from "ws";
import { decodeJwt } from "jose";
import type { JSONValue } from "convex/values";
import { actingAs, type Runtime } from "./runtime";
import { ReadSet } from "./readSets";
import { encodeTimestamp, latestTimestamp, nextTimestamp } from "./timestamps";
import type { Caller, CallResult, Identity, Write } from "./types";

type StateVersion = { querySet: number; identity: number; ts: bigint };

type FunctionRequest<T extends "Mutation" | "Action"> = {
  type: T;
  requestId: number;
  udfPath: string;
  args: JSONValue[];
  componentPath?: string;
};

type ClientMessage =
  | { type: "Connect"; sessionId: string }
  | {
      type: "ModifyQuerySet";
      baseVersion: number;
      newVersion: number;
      modifications: (
        | {
            type: "Add";
            queryId: number;
            udfPath: string;
            args: JSONValue[];
            componentPath?: string;
          }
        | { type: "Remove"; queryId: number }
      )[];
    }
  | {
      type: "Authenticate";
      baseVersion: number;
      tokenType: "User" | "Admin" | "None";
      value?: string;
      impersonating?: Identity;
      actingAs?: Identity;
    }
  | FunctionRequest<"Mutation">
  | FunctionRequest<"Action">
  | { type: "Event" };

/** What a connection needs from the server around it. */
export type SyncHost = {
  runtime: Runtime;
  verifyUserToken(token: string): Promise<Identity>;
  isAdminKey(key: string): boolean;
  /** Answers `_system/...` queries (the CLI's), or undefined if unknown. */
  systemQuery(
    udfPath: string,
    args: JSONValue,
  ): Promise<CallResult | undefined>;
  /** Recent successful mutation responses, to answer a client's re-sends. */
  mutationCache: ReplayCache;
};

/** Mutation responses by `${sessionId}:${requestId}`, the newest `limit` kept. */
export class ReplayCache {
  private readonly responses = new Map<string, string>();
  constructor(private readonly limit = 10_000) {}
  get(key: string): string | undefined {
    return this.responses.get(key);
  }
  set(key: string, response: string): void {
    this.responses.set(key, response);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.responses.size > this.limit)
      this.responses.delete(this.responses.keys().next().value!);
  }
  get size(): number {
    return this.responses.size;
  }
}

type Query = {
  udfPath: string;
  args: JSONValue;
  lastSent?: string;
  /** Must re-run in the next Transition (new, or touched by a write). */
  stale: boolean;
  /** What the last run read; undefined for untracked (system) queries. */
  reads?: ReadSet;
  /** What the run in progress has read so far. */
  reading?: ReadSet;
};

export class SyncConnection {
  private chain: Promise<void> = Promise.resolve();
  private sessionId = "";
  private caller: Caller = { kind: "anonymous" };
  /** When the user token behind `caller` expires (ms), if it is one. */
  private identityExpiresAt = Infinity;
  private querySetVersion = 0;
  private identityVersion = 0;
  private sent: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  private readonly queries = new Map<number, Query>();
  private removed: number[] = [];
  private transitionQueued = false;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly host: SyncHost,
  ) {
    ws.on("message", (data) => {
      let message: ClientMessage;
      try {
        message = JSON.parse(String(data)) as ClientMessage;
      } catch {
        return this.fatal("Invalid message: not JSON");
      }
      if (message.type === "Action") void this.runAction(message);
      else this.enqueue(() => this.handle(message));
    });
    ws.on("close", () => (this.closed = true));
  }

  /** A document was written somewhere: re-run the queries it can change. */
  noteWrite(write: Write): void {
    let touched = false;
    for (const query of this.queries.values()) {
      if (query.stale) continue;
      if (
        !query.reads ||
        query.reads.isChangedBy(write) ||
        query.reading?.isChangedBy(write)
      ) {
        query.stale = true;
        touched = true;
      }
    }
    if (touched) this.queueTransition();
  }

  /** Something every query may depend on changed (e.g. an env var). */
  invalidateAll(): void {
    for (const query of this.queries.values()) query.stale = true;
    this.queueTransition();
  }

  private queueTransition(): void {
    // Nothing is sent before the client's Connect: it resets its version
    // to zero then, and would reject a Transition that started elsewhere.
    if (this.transitionQueued || !this.sessionId) return;
    this.transitionQueued = true;
    this.enqueue(async () => {
      this.transitionQueued = false;
      await this.sendTransition();
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      console.error("[local backend] sync error:", error);
      // A recoverable close: the client reconnects and starts over.
      this.ws.close(1011, "InternalServerError: local backend error");
    });
  }

  private send(message: Record<string, unknown>): void {
    if (!this.closed) this.ws.send(JSON.stringify(message));
  }

  private fatal(error: string): void {
    this.send({ type: "FatalError", error });
    this.ws.close(1002, error);
  }

  private async handle(message: ClientMessage): Promise<void> {
    switch (message.type) {
      case "Connect":
        this.sessionId = message.sessionId;
        return;
      case "ModifyQuerySet":
        if (message.baseVersion !== this.querySetVersion) {
          return this.fatal(
            `Base version ${message.baseVersion} passed up doesn't match the current version ${this.querySetVersion}`,
          );
        }
        for (const change of message.modifications) {
          if (change.type === "Add") {
            this.queries.set(change.queryId, {
              udfPath: change.udfPath,
              args: change.args[0] ?? {},
              stale: true,
            });
          } else {
            this.queries.delete(change.queryId);
            this.removed.push(change.queryId);
          }
        }
        this.querySetVersion = message.newVersion;
        return await this.sendTransition();
      case "Authenticate":
        return await this.authenticate(message);
      case "Mutation":
        return await this.runMutation(message);
      default:
        return; // Events are telemetry.
    }
  }

  private async authenticate(
    message: Extract<ClientMessage, { type: "Authenticate" }>,
  ) {
    if (message.baseVersion !== this.identityVersion) {
      return this.fatal(
        `Authenticate base version ${message.baseVersion} doesn't match ${this.identityVersion}`,
      );
    }
    try {
      if (message.tokenType === "None") {
        this.caller = { kind: "anonymous" };
      } else if (message.tokenType === "Admin") {
        if (!message.value || !this.host.isAdminKey(message.value))
          throw new Error("Invalid admin key");
        const acting = message.impersonating ?? message.actingAs;
        this.caller = {
          kind: "admin",
          identity: acting && actingAs(acting),
        };
      } else {
        this.caller = {
          kind: "user",
          identity: await this.host.verifyUserToken(message.value ?? ""),
        };
      }
      const exp =
        message.tokenType === "User"
          ? decodeJwt(message.value ?? "").exp
          : undefined;
      this.identityExpiresAt = exp === undefined ? Infinity : exp * 1000;
    } catch (error) {
      // Like a deployment: report, then close; the client fetches a fresh
      // token and reconnects (or carries on signed out).
      this.send({
        type: "AuthError",
        error: (error as Error).message,
        baseVersion: message.baseVersion,
        authUpdateAttempted: true,
      });
      this.ws.close(1000, "AuthError");
      this.closed = true;
      return;
    }
    this.identityVersion += 1;
    for (const query of this.queries.values()) query.stale = true;
    await this.sendTransition();
  }

  /**
   * Like a deployment's sync worker, which checks the identity before each
   * mutation, action and query update: a user token that has expired on an
   * open connection gets an AuthError (`authUpdateAttempted: false`) and the
   * socket closes; the client fetches a fresh token and reconnects. Returns
   * whether it did.
   */
  private endedByExpiry(): boolean {
    if (this.caller.kind !== "user" || Date.now() < this.identityExpiresAt)
      return false;
    this.send({
      type: "AuthError",
      error: "Convex token identity expired",
      baseVersion: this.identityVersion,
      authUpdateAttempted: false,
    });
    this.ws.close(1000, "AuthError");
    this.closed = true;
    return true;
  }

  private async runMutation(
    message: Extract<ClientMessage, { type: "Mutation" }>,
  ) {
    if (this.endedByExpiry()) return;
    const key = `${this.sessionId}:${message.requestId}`;
    let response = this.host.mutationCache.get(key);
    if (!response) {
      const result = await this.host.runtime.call(
        "mutation",
        message.udfPath,
        message.args[0] ?? {},
        this.caller,
      );
      response = JSON.stringify(
        functionResponse(
          "MutationResponse",
          message.requestId,
          result,
          // A successful mutation is a write: it gets the next timestamp.
          result.ok ? encodeTimestamp(nextTimestamp()) : undefined,
        ),
      );
      // Clients re-send unconfirmed mutations after a reconnect: answer those from here.
      if (result.ok) this.host.mutationCache.set(key, response);
    }
    if (!this.closed) this.ws.send(response);
    // The client resolves the mutation only on a Transition at or past its ts,
    // even when none of its queries changed.
    this.queueTransition();
  }

  private async runAction(message: FunctionRequest<"Action">) {
    if (this.endedByExpiry()) return;
    const result = await this.host.runtime.call(
      "action",
      message.udfPath,
      message.args[0] ?? {},
      this.caller,
    );
    this.send(functionResponse("ActionResponse", message.requestId, result));
  }

  private async runQuery(query: Query): Promise<CallResult> {
    query.stale = false;
    if (query.udfPath.startsWith("_system/")) {
      const system =
        this.caller.kind === "admin"
          ? await this.host.systemQuery(query.udfPath, query.args)
          : undefined;
      if (system) {
        query.reads = undefined; // Untracked: re-run after every write.
        return system;
      }
    }
    query.reading = new ReadSet();
    try {
      return await this.host.runtime.call(
        "query",
        query.udfPath,
        query.args,
        this.caller,
        query.reading,
      );
    } finally {
      query.reads = query.reading;
      query.reading = undefined;
    }
  }

  /** Sends the changes since the last Transition, from exactly that version. */
  private async sendTransition(): Promise<void> {
    if (this.closed || this.endedByExpiry()) return;
    const end: StateVersion = {
      querySet: this.querySetVersion,
      identity: this.identityVersion,
      ts: latestTimestamp(),
    };
    const modifications: Record<string, unknown>[] = this.removed.map(
      (queryId) => ({ type: "QueryRemoved", queryId }),
    );
    this.removed = [];
    for (const [queryId, query] of this.queries) {
      if (!query.stale) continue;
      const result = await this.runQuery(query);
      // Send a result only when it changed (value and logs).
      const fingerprint = JSON.stringify(result);
      if (fingerprint === query.lastSent) continue;
      query.lastSent = fingerprint;
      modifications.push(
        result.ok
          ? {
              type: "QueryUpdated",
              queryId,
              value: result.value,
              logLines: result.logLines,
              journal: null,
            }
          : {
              type: "QueryFailed",
              queryId,
              errorMessage: result.errorMessage,
              logLines: result.logLines,
              journal: null,
              ...(result.errorData !== undefined
                ? { errorData: result.errorData }
                : {}),
            },
      );
    }
    if (this.closed) return;
    this.send({
      type: "Transition",
      startVersion: wireVersion(this.sent),
      endVersion: wireVersion(end),
      modifications,
    });
    this.sent = end;
  }
}

/** A mutation's or action's outcome as the client expects it. */
function functionResponse(
  type: "MutationResponse" | "ActionResponse",
  requestId: number,
  result: CallResult,
  ts?: string,
): Record<string, unknown> {
  if (result.ok) {
    return {
      type,
      requestId,
      success: true,
      result: result.value,
      ...(ts === undefined ? {} : { ts }),
      logLines: result.logLines,
    };
  }
  return {
    type,
    requestId,
    success: false,
    result: result.errorMessage,
    logLines: result.logLines,
    ...(result.errorData !== undefined ? { errorData: result.errorData } : {}),
  };
}

function wireVersion(version: StateVersion) {
  return {
    querySet: version.querySet,
    identity: version.identity,
    ts: encodeTimestamp(version.ts),
  };
}
