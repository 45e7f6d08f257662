/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { cspPlugin } from "./scripts/csp";

export default defineConfig({
  plugins: [react(), tailwindcss(), cspPlugin()],
  // shadcn/ui's import alias (components.json): "@/components/ui/button".
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    // Keep the initial bundle small: see `npm run bench:bundle`.
    target: "es2022",
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
    include: ["tests/**/*.test.ts"],
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
