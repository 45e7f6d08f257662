/**
 * Command line for the local backend:
 *
 *   npx vite-node scripts/local-backend/main.ts -- \
 *     [--site-url http://localhost:5173] [--port 3210] [--site-port 3211] \
 *     [--convex-dir convex --components tests/support/components.ts]
 *
 * Without --convex-dir it starts empty, as a new deployment, and runs what
 * the Convex CLI pushes (`convex dev`/`deploy` with CONVEX_SELF_HOSTED_URL
 * and CONVEX_SELF_HOSTED_ADMIN_KEY). With it, it runs that folder's source
 * directly (`--components` names a module exporting `registerComponents(t)`).
 * Runs under vite-node because convex-test and the components' test helpers
 * use import.meta.glob, which only Vite's transform provides.
 */
import { parseArgs } from "node:util";
import { printBanner } from "./banner";
import { startLocalBackend } from "./backend";

const { values } = parseArgs({
  // vite-node passes the script's own arguments after a "--".
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    "convex-dir": { type: "string" },
    components: { type: "string" },
    "site-url": { type: "string" },
    port: { type: "string", default: "3210" },
    "site-port": { type: "string", default: "3211" },
    "admin-key": { type: "string" },
  },
});

const backend = await startLocalBackend({
  convexDir: values["convex-dir"],
  registerComponents: values.components,
  siteUrl: values["site-url"],
  port: Number(values.port),
  sitePort: Number(values["site-port"]),
  adminKey: values["admin-key"],
});
printBanner(backend);

const stop = () => void backend.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
