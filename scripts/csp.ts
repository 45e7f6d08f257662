/**
 * The security headers of the SPA, in one place: the Content-Security-Policy
 * and the headers that forbid framing (clickjacking) and MIME sniffing and
 * keep URLs out of other sites' Referer.
 *
 * - `npm run build` writes them to `dist/_headers`, the file Netlify and
 *   Cloudflare Pages read, with the caching rule for `assets/`, and puts the
 *   policy in a <meta> tag of index.html for hosts that can't set headers.
 * - `vite preview` (so the browser tests) serves `dist/_headers` as those
 *   hosts do; Vite's dev server (`npm start`, `npm run dev`) sends the
 *   headers that don't get in the way of hot reload.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import type { Connect, Plugin, ResolvedConfig } from "vite";

type Headers = Record<string, string>;

/** http(s)://host → also ws(s)://host, for the Convex client's WebSocket. */
function withWebSocket(url: string): string[] {
  const origin = new URL(url).origin;
  return [origin, origin.replace(/^http/, "ws")];
}

/**
 * The one <style> the SPA's code inserts: sonner's (the toasts), allowed by
 * its hash rather than by `'unsafe-inline'`. Read from the sonner build the
 * bundle takes it from, so an upgrade can't silently unstyle the toasts
 * (tests/e2e/securityHeaders.test.ts shows a toast under the policy).
 */
function sonnerStyleHash(): string {
  const entry = createRequire(import.meta.url).resolve("sonner");
  const code = readFileSync(entry.replace(/index\.js$/, "index.mjs"), "utf8");
  const found = /__insertCSS\("((?:[^"\\]|\\.)*)"\)/.exec(code);
  if (!found) {
    throw new Error(
      "sonner no longer inserts its styles with __insertCSS: update sonnerStyleHash in scripts/csp.ts.",
    );
  }
  const css = JSON.parse(`"${found[1]}"`) as string;
  const hash = (text: string) =>
    `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
  // sonner appends the <style> empty, then its text: both states are checked.
  return `${hash(css)} ${hash("")}`;
}

/**
 * The Content-Security-Policy of the built SPA: only its own scripts and
 * styles (no inline script), and connections only to the Convex deployment
 * it was built for. This is the <meta> tag's policy; the header adds
 * `frame-ancestors`, which browsers ignore in a <meta> tag.
 */
export function contentSecurityPolicy(
  env: Record<string, string | undefined>,
): string {
  const connect = [env.VITE_CONVEX_URL, env.VITE_CONVEX_SITE_URL]
    .filter((url): url is string => Boolean(url))
    .flatMap(withWebSocket);
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${sonnerStyleHash()}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${[...new Set(connect)].join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** No page may frame the app, not even its own (nothing of it uses frames). */
const NO_FRAMING = "frame-ancestors 'none'";

/**
 * Headers for every response, the same on any server. `same-origin`: other
 * sites, the Convex deployment included, get no Referer at all (the auth
 * requests are CORS fetches, which carry `Origin` whatever the policy).
 */
const FIXED_HEADERS: Headers = {
  // For browsers without frame-ancestors; where both exist, CSP wins.
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
};

/** The headers every response of the built SPA carries. */
export function securityHeaders(
  env: Record<string, string | undefined>,
): Headers {
  return {
    "Content-Security-Policy": `${contentSecurityPolicy(env)}; ${NO_FRAMING}`,
    ...FIXED_HEADERS,
  };
}

/**
 * Vite's dev server: the built policy would block its hot reload (an inline
 * script, injected <style> tags), so its CSP only forbids framing.
 */
export function devServerHeaders(): Headers {
  return { "Content-Security-Policy": NO_FRAMING, ...FIXED_HEADERS };
}

/** One block of a `_headers` file: a path (`*` matches the rest) and its headers. */
export type HeaderRule = { path: string; headers: Headers };

/** What `dist/_headers` holds for a build with these VITE_ variables. */
export function headerRules(env: Record<string, string | undefined>) {
  return [
    { path: "/*", headers: securityHeaders(env) },
    // Vite names every file in /assets/ after its content, so a browser may
    // keep them for good: a reload then fetches only index.html.
    {
      path: "/assets/*",
      headers: { "Cache-Control": "public, max-age=31536000, immutable" },
    },
  ] satisfies HeaderRule[];
}

/** The `_headers` file (Netlify and Cloudflare Pages format) for these rules. */
export function formatHeadersFile(rules: HeaderRule[]): string {
  const blocks = rules.map(({ path, headers }) =>
    [path, ...Object.entries(headers).map(([n, v]) => `  ${n}: ${v}`)].join(
      "\n",
    ),
  );
  return [
    "# Written by `npm run build` from scripts/csp.ts: change the headers there.",
    "# Netlify and Cloudflare Pages read this file; on other hosts, set the",
    "# same headers for the same paths.",
    ...blocks,
    "",
  ].join("\n");
}

/** Reads a `_headers` file of the shape formatHeadersFile writes. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(":");
    const rule = rules.at(-1);
    if (!rule || colon < 0)
      throw new Error(`Unexpected _headers line: ${line}`);
    rule.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/**
 * The headers for one path, as the hosts apply the file: every matching
 * rule counts, and a header set by several is sent with their values joined.
 */
export function headersForPath(rules: HeaderRule[], pathname: string) {
  const headers: Headers = {};
  for (const { path, headers: set } of rules) {
    const matches = path.endsWith("*")
      ? pathname.startsWith(path.slice(0, -1))
      : pathname === path;
    if (!matches) continue;
    for (const [name, value] of Object.entries(set))
      headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/**
 * Sends `headers` with the response, over any the server passes for the
 * same names (Vite's static server gives its own Cache-Control to
 * writeHead, whose headers win over setHeader's).
 */
function sendHeaders(response: ServerResponse, headers: Headers) {
  const names = new Set(Object.keys(headers).map((n) => n.toLowerCase()));
  const writeHead = response.writeHead.bind(response) as (
    status: number,
    ...rest: unknown[]
  ) => ServerResponse;
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    const last = rest.at(-1);
    if (last && typeof last === "object" && !Array.isArray(last))
      rest[rest.length - 1] = Object.fromEntries(
        Object.entries(last as OutgoingHttpHeaders).filter(
          ([name]) => !names.has(name.toLowerCase()),
        ),
      );
    for (const [name, value] of Object.entries(headers))
      response.setHeader(name, value);
    return writeHead(status, ...rest);
  }) as typeof response.writeHead;
}

function middleware(
  headersFor: (pathname: string) => Headers,
): Connect.NextHandleFunction {
  return (request, response, next) => {
    const pathname = new URL(request.url ?? "/", "http://x").pathname;
    sendHeaders(response, headersFor(pathname));
    next();
  };
}

/**
 * Vite plugin: the policy as a <meta> tag and `_headers` in builds, the
 * headers on the dev and preview servers.
 */
export function securityHeadersPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "security-headers",
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      // One source: a public/_headers would be copied over the generated one.
      const own = config.publicDir && join(config.publicDir, "_headers");
      if (config.command === "build" && own && existsSync(own))
        this.error(
          `${own} would replace the _headers the build writes: add its rules to headerRules() in scripts/csp.ts and delete it.`,
        );
    },
    generateBundle() {
      this.emitFile({
        type: "asset",
        fileName: "_headers",
        source: formatHeadersFile(headerRules(config.env)),
      });
    },
    transformIndexHtml: {
      order: "post",
      handler: () =>
        config.command === "build"
          ? [
              {
                tag: "meta",
                attrs: {
                  "http-equiv": "Content-Security-Policy",
                  content: contentSecurityPolicy(config.env),
                },
                injectTo: "head-prepend",
              },
            ]
          : [],
    },
    configureServer(server) {
      const headers = devServerHeaders();
      server.middlewares.use(middleware(() => headers));
    },
    configurePreviewServer(server) {
      // What the build wrote, so the preview serves what a deploy would.
      const file = resolve(config.root, config.build.outDir, "_headers");
      if (!existsSync(file)) {
        config.logger.warn(
          `${file} is missing (built before scripts/csp.ts wrote it?): run \`npm run build\`. Serving without security headers.`,
        );
        return;
      }
      const rules = parseHeadersFile(readFileSync(file, "utf8"));
      server.middlewares.use(
        middleware((pathname) => headersForPath(rules, pathname)),
      );
    },
  };
}
