/**
 * HTTP routes of the push path and of `convex dev`'s log tail, on the cloud
 * URL. Admin key only.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliDecompress } from "node:zlib";
import type { Deployment, StartPushRequest } from "./deployment";
import type { FunctionLogs } from "./functionLogs";

const unbrotli = promisify(brotliDecompress);

export type DeployHost = {
  deployment?: Deployment;
  isAdminKey(key: string): boolean;
  logs: FunctionLogs;
  cloudUrl: string;
  siteUrl: string;
};

type PushIds = { schemaChange?: { schemaIds?: { push?: string } } };

async function jsonBody<T>(req: IncomingMessage, raw: Buffer): Promise<T> {
  const body =
    req.headers["content-encoding"] === "br" ? await unbrotli(raw) : raw;
  return JSON.parse(body.toString("utf8") || "{}") as T;
}

/** Answers a deployment route, or returns false when `path` isn't one. */
export async function handleDeployRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  readRaw: () => Promise<Buffer>,
  host: DeployHost,
): Promise<boolean> {
  const send = (body: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const isDeployRoute =
    path.startsWith("/api/deploy2/") ||
    path === "/api/get_config_hashes" ||
    path === "/api/stream_function_logs" ||
    path === "/api/v1/get_canonical_urls";
  if (!isDeployRoute) return false;
  const key = (req.headers.authorization ?? "")
    .replace(/^Convex /, "")
    .replace(/^(dev|prod):/, "");
  if (!host.isAdminKey(key)) {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        code: "BadAdminKey",
        message: "The provided admin key was invalid for this instance",
      }),
    );
    return true;
  }
  if (path === "/api/v1/get_canonical_urls") {
    send({ convexCloudUrl: host.cloudUrl, convexSiteUrl: host.siteUrl });
    return true;
  }
  if (path === "/api/stream_function_logs") {
    const cursor = Number(
      new URL(req.url ?? "/", "http://x").searchParams.get("cursor") ?? 0,
    );
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    send(await host.logs.after(cursor, aborted.signal));
    return true;
  }
  const deployment = host.deployment;
  if (!deployment) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        code: "PushNotSupported",
        message:
          "This local backend runs the source it was started with and takes no pushes. Start it without an app (scripts/local-backend/main.ts) to push with the Convex CLI.",
      }),
    );
    return true;
  }
  const raw = await readRaw();
  try {
    return await answerPush(req, path, raw, deployment, send);
  } catch (error) {
    // The CLI prints `message` as the push's error, as from a deployment.
    res.writeHead(400, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        code: "PushFailed",
        message: `Hit an error while pushing:\n${(error as Error).stack ?? String(error)}`,
      }),
    );
    return true;
  }
}

async function answerPush(
  req: IncomingMessage,
  path: string,
  raw: Buffer,
  deployment: Deployment,
  send: (body: unknown) => void,
): Promise<boolean> {
  switch (path) {
    case "/api/get_config_hashes":
      send(deployment.configHashes());
      return true;
    case "/api/deploy2/start_push":
    case "/api/deploy2/evaluate_push": {
      const request = await jsonBody<StartPushRequest>(req, raw);
      const response = await deployment.startPush({
        ...request,
        // evaluate_push only analyzes.
        dryRun: request.dryRun || path.endsWith("evaluate_push"),
      });
      send(
        path.endsWith("evaluate_push")
          ? { schemaChange: response.schemaChange }
          : response,
      );
      return true;
    }
    case "/api/deploy2/wait_for_schema": {
      const { schemaChange } = await jsonBody<PushIds>(req, raw);
      send(deployment.waitForSchema(schemaChange?.schemaIds?.push));
      return true;
    }
    case "/api/deploy2/finish_push": {
      const { startPush } = await jsonBody<{ startPush: PushIds }>(req, raw);
      send(deployment.finishPush(startPush.schemaChange?.schemaIds?.push));
      return true;
    }
    case "/api/deploy2/report_push_completed":
      send({});
      return true;
    default:
      return false;
  }
}
