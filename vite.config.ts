/// <reference types="vitest/config" />
import { paraglideVitePlugin } from "@inlang/paraglide-js";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig, transformWithEsbuild, type Plugin } from "vite";
import { securityHeadersPlugin } from "./scripts/csp";
import { PARAGLIDE_OPTIONS } from "./scripts/paraglide";

/**
 * Adds a script from public/ at the end of <head>: after the app's script
 * and stylesheet, whose downloads then start first. Builds emit it
 * minified with a content hash in assets/, cached like the rest of the app.
 */
function headScript(
  name: string,
  attrs: (env: Record<string, string>) => Record<string, string | boolean>,
): Plugin {
  let build = false;
  let env: Record<string, string> = {};
  return {
    name: `head-script:${name}`,
    configResolved(config) {
      build = config.command === "build";
      env = config.env;
    },
    async buildStart() {
      if (!build) return;
      // Minified: its comments are for readers of public/, not browsers.
      const { code } = await transformWithEsbuild(
        readFileSync(`public/${name}`, "utf8"),
        name,
        { minify: true },
      );
      this.emitFile({ type: "asset", name, source: code });
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        const emitted = Object.values(bundle ?? {}).find(
          (file) => file.type === "asset" && file.names.includes(name),
        );
        const src = emitted ? `/${emitted.fileName}` : `/${name}`;
        return [
          { tag: "script", attrs: { src, ...attrs(env) }, injectTo: "head" },
        ];
      },
    },
  };
}

// The client's sync URL ends in its version: the early socket uses the same.
const convexVersion = (
  JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve("convex/package.json"),
      "utf8",
    ),
  ) as { version: string }
).version;

/** Light or dark before the first paint: blocking, so it is tiny. */
const themeScript = () => headScript("theme.js", () => ({}));

/**
 * The Convex WebSocket opened while the page loads (public/early-socket.js,
 * adopted by src/lib/earlySocket.ts); `async`, so it holds nothing up.
 */
const earlySocketScript = () =>
  headScript("early-socket.js", (env) => ({
    async: true,
    "data-convex-url": env.VITE_CONVEX_URL ?? "",
    "data-convex-version": convexVersion,
  }));

export default defineConfig({
  plugins: [
    // messages/ compiled into src/paraglide/ (docs/languages.md).
    paraglideVitePlugin(PARAGLIDE_OPTIONS),
    react(),
    tailwindcss(),
    themeScript(),
    earlySocketScript(),
    securityHeadersPlugin(),
  ],
  resolve: {
    alias: [
      // The SPA's one import style, shadcn/ui's alias (components.json):
      // "@/components/ui/button". ESLint refuses relative imports in src/.
      {
        find: "@",
        replacement: fileURLToPath(new URL("./src", import.meta.url)),
      },
      // TanStack's store asks for the shim that backports the hook to React
      // 16/17; React 19 has it, so take the variant built on React's own.
      {
        find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/,
        replacement: "use-sync-external-store/with-selector",
      },
    ],
  },
  build: {
    // Keep the initial bundle small: see `npm run bench:bundle`.
    target: "es2022",
    // Terser packs the first bundle about 4 kB (gzipped) smaller than
    // esbuild, Vite's default; builds take a few seconds longer.
    minify: "terser",
    terserOptions: { compress: { passes: 2 } },
    // Every browser that runs this app supports modulepreload natively.
    modulePreload: { polyfill: false },
    rollupOptions: {
      onwarn(warning, warn) {
        // Dependencies' comment placement, harmless and not ours to fix.
        if (warning.code === "INVALID_ANNOTATION") return;
        warn(warning);
      },
    },
  },
  test: {
    // The local backend's unit tests sit beside its modules.
    include: ["tests/**/*.test.ts", "scripts/local-backend/**/*.test.ts"],
    environment: "node",
    // Fails a file that starves the event loop (see the file).
    setupFiles: ["tests/setup/eventLoop.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    server: {
      // These packages call import.meta.glob, which only Vite can transform.
      deps: {
        inline: [
          "convex-test",
          "@convex-dev/better-auth",
          "@convex-dev/resend",
          "@convex-dev/rate-limiter",
        ],
      },
    },
  },
});
