/**
 * Command line for the local backend:
 *
 *   vite-node scripts/local-backend/main.ts -- --app tests/support/components.ts \
 *     [--site-url http://localhost:5173] [--port 3210] [--site-port 3211]
 *
 * `--app` names a module exporting { schema, appModules, registerComponents }.
 * Runs under vite-node because convex-test and component test helpers use
 * import.meta.glob. `npm start` uses startLocalBackend() directly instead.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { printBanner } from "./banner";
import { startLocalBackend } from "./server";
import type { AppSetup } from "./runtime";

function flag(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (value === undefined) throw new Error(`Missing --${name}`);
  return value;
}

const appModule = (await import(
  /* @vite-ignore */ pathToFileURL(resolve(flag("app"))).href
)) as {
  schema: AppSetup["schema"];
  appModules: AppSetup["modules"];
  registerComponents: AppSetup["registerComponents"];
};
const backend = await startLocalBackend({
  app: {
    schema: appModule.schema,
    modules: appModule.appModules,
    registerComponents: appModule.registerComponents,
  },
  siteUrl: flag("site-url", "http://localhost:5173"),
  port: Number(flag("port", "3210")),
  sitePort: Number(flag("site-port", "3211")),
});
printBanner(backend);
