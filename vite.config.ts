/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { securityHeadersPlugin } from "./scripts/csp";

/**
 * Adds public/theme.js (light or dark, before the first paint) at the end of
 * <head>: after the app's script and stylesheet, whose downloads then start
 * first instead of waiting behind this blocking script. Builds emit it with
 * a content hash in assets/, so it is cached like the rest of the app.
 */
function themeScript(): Plugin {
  let build = false;
  return {
    name: "theme-script",
    configResolved(config) {
      build = config.command === "build";
    },
    buildStart() {
      if (!build) return;
      this.emitFile({
        type: "asset",
        name: "theme.js",
        source: readFileSync("public/theme.js"),
      });
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        const emitted = Object.values(bundle ?? {}).find(
          (file) => file.type === "asset" && file.names.includes("theme.js"),
        );
        const src = emitted ? `/${emitted.fileName}` : "/theme.js";
        return [{ tag: "script", attrs: { src }, injectTo: "head" }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), themeScript(), securityHeadersPlugin()],
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
