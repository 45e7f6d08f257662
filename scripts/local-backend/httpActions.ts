/**
 * HTTP actions (the app's convex/http.ts router) over real HTTP: on the
 * site URL, and under /http/ on the cloud URL.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "./httpApi";
import type { TokenVerifier } from "./jwt";
import type { Runtime } from "./runtime";
import type { Identity } from "./types";

/** Runs the HTTP action for `path` (with its query) and writes its response. */
export type HttpActionServer = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<void>;

export function httpActionServer(
  runtime: Runtime,
  verifier: TokenVerifier,
): HttpActionServer {
  return async (req, res, path) => {
    const body =
      req.method === "GET" || req.method === "HEAD"
        ? undefined
        : await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined)
        headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    // What a deployment's edge adds: the client's address.
    if (!headers.has("x-forwarded-for") && req.socket.remoteAddress) {
      headers.set(
        "x-forwarded-for",
        req.socket.remoteAddress.replace(/^::ffff:/, ""),
      );
    }
    let identity: Identity | undefined;
    const bearer = headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
    if (bearer?.split(".").length === 3)
      identity = await verifier.verify(bearer).catch(() => undefined);
    const { response } = await runtime.fetch(
      path,
      { method: req.method, headers, body: body && new Uint8Array(body) },
      identity,
    );
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") outHeaders[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) outHeaders["set-cookie"] = cookies;
    res.writeHead(response.status, outHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
