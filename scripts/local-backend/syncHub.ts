/**
 * Every WebSocket client of the sync protocol (`/api/<version>/sync` on the
 * cloud URL): upgrades, keep-alive pings, and the fan-out of writes and
 * invalidations to each connection (sync.ts), which re-runs what they touch.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { ReplayCache, SyncConnection, type SyncHost } from "./sync";
import { nextTimestamp } from "./timestamps";
import type { Write } from "./types";

const PING_MS = 15_000;
const SYNC_PATH = /^\/api\/([^/]+\/)?sync$/;

export class SyncHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<SyncConnection>();
  private readonly host: SyncHost;
  private readonly pings: NodeJS.Timeout;

  constructor(host: Omit<SyncHost, "mutationCache">) {
    // One replay cache for all: a client re-sends over its new connection.
    this.host = { ...host, mutationCache: new ReplayCache() };
    // The client reconnects after 60 s of silence; pings keep idle sockets open.
    this.pings = setInterval(() => {
      for (const client of this.wss.clients) client.send('{"type":"Ping"}');
    }, PING_MS);
  }

  /** Takes a cloud-URL upgrade request: a sync connection, or refused. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!SYNC_PATH.test(new URL(req.url ?? "/", "http://x").pathname)) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new SyncConnection(ws, this.host);
      this.connections.add(connection);
      ws.on("close", () => this.connections.delete(connection));
    });
  }

  /** How many clients are connected. */
  get size(): number {
    return this.connections.size;
  }

  /** A write happened: a new timestamp, and each connection re-runs what it touches. */
  noteWrite(write: Write): void {
    nextTimestamp();
    for (const connection of this.connections) connection.noteWrite(write);
  }

  /** Something every query may depend on changed (code, env vars): re-run all. */
  invalidateAll(): void {
    nextTimestamp();
    for (const connection of this.connections) connection.invalidateAll();
  }

  close(): void {
    clearInterval(this.pings);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
