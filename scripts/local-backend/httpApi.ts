/**
 * The deployment's HTTP API on the cloud URL, as ConvexHttpClient and the
 * Convex CLI use it: /api/query|mutation|action|function, environment
 * variables, and HTTP actions under /http/.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JSONValue } from "convex/values";
import { actingAs, type Runtime } from "./runtime";
import { encodeTimestamp, latestTimestamp, nextTimestamp } from "./timestamps";
import type { Caller, CallResult, FunctionType, Identity } from "./types";

export type HttpHost = {
  runtime: Runtime;
  verifyUserToken(token: string): Promise<Identity>;
  isAdminKey(key: string): boolean;
  setEnvironmentVariable(name: string, value: string | null): void;
  environmentVariables(): Record<string, string>;
  /** Re-run every subscription (what queries read changed wholesale). */
  invalidateAll(): void;
  /** Runs an HTTP action and writes its response. */
  serveHttpAction(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void>;
};

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Mirrors the request's origin and headers, as the real backend does for /api. */
export function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  res.setHeader("access-control-allow-credentials", "true");
  res.setHeader(
    "access-control-allow-methods",
    "GET, POST, OPTIONS, PATCH, DELETE, PUT",
  );
  res.setHeader(
    "access-control-allow-headers",
    req.headers["access-control-request-headers"] ?? "*",
  );
  res.setHeader("access-control-max-age", "86400");
  res.setHeader("vary", "origin");
}

/** `Authorization: Convex <key>[:<base64 identity>]` or `Bearer <jwt>`. */
async function callerOf(req: IncomingMessage, host: HttpHost): Promise<Caller> {
  const header = req.headers.authorization ?? "";
  if (header.startsWith("Bearer ")) {
    try {
      return {
        kind: "user",
        identity: await host.verifyUserToken(header.slice(7).trim()),
      };
    } catch (error) {
      throw new HttpError(401, "Unauthenticated", (error as Error).message);
    }
  }
  if (header.startsWith("Convex ")) {
    const raw = header
      .slice(7)
      .trim()
      .replace(/^(dev|prod):/, "");
    const [key = "", acting] = splitOnce(raw, ":");
    if (!host.isAdminKey(key))
      throw new HttpError(
        401,
        "BadAdminKey",
        "The provided admin key was invalid for this instance",
      );
    if (!acting) return { kind: "admin" };
    const identity = JSON.parse(
      Buffer.from(acting, "base64").toString("utf8"),
    ) as Identity;
    return { kind: "admin", identity: actingAs(identity) };
  }
  return { kind: "anonymous" };
}

function splitOnce(
  value: string,
  separator: string,
): [string, string | undefined] {
  const index = value.indexOf(separator);
  return index < 0
    ? [value, undefined]
    : [value.slice(0, index), value.slice(index + 1)];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function functionResponse(result: CallResult) {
  return result.ok
    ? {
        status: "success",
        value: result.value,
        ...(result.logLines.length ? { logLines: result.logLines } : {}),
      }
    : {
        status: "error",
        errorMessage: result.errorMessage,
        ...(result.errorData !== undefined
          ? { errorData: result.errorData }
          : {}),
        ...(result.logLines.length ? { logLines: result.logLines } : {}),
      };
}

const ENDPOINTS: Record<string, FunctionType | "any"> = {
  "/api/query": "query",
  "/api/mutation": "mutation",
  "/api/action": "action",
  "/api/function": "any",
};

export async function handleCloudRequest(
  req: IncomingMessage,
  res: ServerResponse,
  host: HttpHost,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname.startsWith("/http/")) {
    return await host.serveHttpAction(
      req,
      res,
      url.pathname.slice(5) + url.search,
    );
  }
  setCors(req, res);
  if (req.method === "OPTIONS") {
    res.writeHead(204);
    return void res.end();
  }
  try {
    const kind = ENDPOINTS[url.pathname];
    if (kind && req.method === "POST") {
      const caller = await callerOf(req, host);
      const raw = (await readBody(req)).toString("utf8");
      const body = JSON.parse(raw || "{}") as {
        path?: string;
        args?: JSONValue;
      };
      if (!body.path) throw new HttpError(400, "BadRequest", "Missing `path`.");
      // Positional args arrive as a one-element array.
      const args = Array.isArray(body.args)
        ? (body.args[0] ?? {})
        : (body.args ?? {});
      const result = await host.runtime.call(kind, body.path, args, caller);
      // Subscriptions already heard of the writes (readSets.ts).
      if (result.ok && kind !== "query") nextTimestamp();
      return sendJson(res, 200, functionResponse(result));
    }
    if (
      url.pathname === "/api/update_environment_variables" &&
      req.method === "POST"
    ) {
      if ((await callerOf(req, host)).kind !== "admin")
        throw new HttpError(401, "Unauthorized", "An admin key is required.");
      const { changes } = JSON.parse(
        (await readBody(req)).toString("utf8"),
      ) as {
        changes: { name: string; value: string | null }[];
      };
      for (const { name, value } of changes)
        host.setEnvironmentVariable(name, value);
      // Queries may read env vars: re-run them all.
      host.invalidateAll();
      res.writeHead(200);
      return void res.end();
    }
    if (url.pathname === "/api/list_environment_variables") {
      if ((await callerOf(req, host)).kind !== "admin")
        throw new HttpError(401, "Unauthorized", "An admin key is required.");
      return sendJson(res, 200, {
        environmentVariables: host.environmentVariables(),
      });
    }
    if (url.pathname === "/api/query_ts") {
      return sendJson(res, 200, { ts: encodeTimestamp(latestTimestamp()) });
    }
    if (url.pathname === "/" || url.pathname === "/instance_name") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(
        "Local in-memory Convex backend (development and tests only).",
      );
    }
    throw new HttpError(
      404,
      "NotFound",
      `No route for ${req.method} ${url.pathname}`,
    );
  } catch (error) {
    if (error instanceof HttpError)
      return sendJson(res, error.status, {
        code: error.code,
        message: error.message,
      });
    if (error instanceof SyntaxError)
      return sendJson(res, 400, {
        code: "BadJsonBody",
        message: error.message,
      });
    return sendJson(res, 500, {
      code: "InternalServerError",
      message: (error as Error).message,
    });
  }
}
