import type { Plugin } from "vite";

/** http(s)://host → also ws(s)://host, for the Convex client's WebSocket. */
function withWebSocket(url: string): string[] {
  const origin = new URL(url).origin;
  return [origin, origin.replace(/^http/, "ws")];
}

/**
 * The Content-Security-Policy of the built SPA: only its own scripts and
 * styles (no inline script), and connections only to the Convex deployment
 * it was built for. Added as a <meta> tag, so it travels with the static
 * files to any host; hosts that can set headers may send it as a header too.
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
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${[...new Set(connect)].join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** Vite plugin: adds the policy to index.html in production builds. */
export function cspPlugin(): Plugin {
  // Vite's resolved env: VITE_ variables from the environment and .env files.
  let env: Record<string, string | undefined> = {};
  return {
    name: "content-security-policy",
    apply: "build",
    configResolved(config) {
      env = config.env;
    },
    transformIndexHtml: {
      order: "post",
      handler: () => [
        {
          tag: "meta",
          attrs: {
            "http-equiv": "Content-Security-Policy",
            content: contentSecurityPolicy(env),
          },
          injectTo: "head-prepend",
        },
      ],
    },
  };
}
