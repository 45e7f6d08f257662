/**
 * The backend's two HTTP servers, as a deployment has two URLs:
 *   cloud URL: the push and log routes (deployApi.ts), the HTTP API
 *              (httpApi.ts), /http/* and WebSocket sync upgrades
 *   site URL:  HTTP actions (convex/http.ts), e.g. Better Auth's /api/auth/*
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { handleDeployRoute, type DeployHost } from "./deployApi";
import type { HttpActionServer } from "./httpActions";
import { handleCloudRequest, readBody, type HttpHost } from "./httpApi";

/** What the servers hand requests to. */
export type Routes = {
  deploy: DeployHost;
  cloudApi: HttpHost;
  httpAction: HttpActionServer;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
};

export type HttpServers = {
  cloudUrl: string;
  siteUrl: string;
  /** Starts answering (requests that came earlier get no answer). */
  serve(routes: Routes): void;
  close(): Promise<void>;
};

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

/** Any error left: logged, and a bare 500 if nothing was sent yet. */
function answering(
  res: ServerResponse,
  handling: Promise<unknown>,
): Promise<void> {
  return handling.then(
    () => undefined,
    (error: unknown) => {
      console.error("[local backend]", error);
      if (!res.headersSent) res.writeHead(500).end();
    },
  );
}

/** Listens on both URLs (port 0 = a free one); the URLs are known at once. */
export async function listenHttp(options: {
  host: string;
  port: number;
  sitePort: number;
}): Promise<HttpServers> {
  const { host } = options;
  const cloud = createServer();
  const site = createServer();
  const cloudUrl = `http://${host}:${await listen(cloud, options.port, host)}`;
  const siteUrl = `http://${host}:${await listen(site, options.sitePort, host)}`;
  return {
    cloudUrl,
    siteUrl,
    serve(routes) {
      cloud.on("upgrade", routes.upgrade);
      cloud.on("request", (req, res) => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        void answering(
          res,
          handleDeployRoute(
            req,
            res,
            path,
            () => readBody(req),
            routes.deploy,
          ).then(async (handled) => {
            if (!handled) await handleCloudRequest(req, res, routes.cloudApi);
          }),
        );
      });
      site.on("request", (req, res) => {
        void answering(res, routes.httpAction(req, res, req.url ?? "/"));
      });
    },
    async close() {
      cloud.closeAllConnections();
      site.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => cloud.close(resolve)),
        new Promise((resolve) => site.close(resolve)),
      ]);
    },
  };
}
