/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: {
    // Keep the initial bundle small: see `npm run bench:bundle`.
    target: "es2022",
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
