/**
 * Vite's dev server (`npm start`, `npm run dev`) forbids framing and MIME
 * sniffing and sends no Referer to other sites, like the built app; its CSP
 * is only `frame-ancestors`, since the built policy would block hot reload.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createServer, type ViteDevServer } from "vite";
import { devServerHeaders } from "../scripts/csp";

let server: ViteDevServer;
let url: string;

beforeAll(async () => {
  server = await createServer({
    logLevel: "error",
    server: { port: 0, host: "127.0.0.1" },
    // Only the headers are under test: no dependency pre-bundling.
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  url = server.resolvedUrls!.local[0]!.replace(/\/$/, "");
});

afterAll(async () => await server?.close());

test("every response of the dev server carries the security headers", async () => {
  expect(devServerHeaders()).toEqual({
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  });
  for (const path of ["/", "/settings", "/src/main.tsx", "/favicon.svg"]) {
    const response = await fetch(`${url}${path}`);
    expect(response.status, path).toBe(200);
    for (const [name, value] of Object.entries(devServerHeaders()))
      expect(response.headers.get(name), `${path} ${name}`).toBe(value);
  }
});
