/**
 * `npm start`: the whole app with no Convex account and no network.
 * Starts the local in-memory backend (scripts/local-backend) with this app's
 * convex/ folder and components, then the Vite dev server pointed at it.
 * Runs under vite-node (convex-test needs Vite's import.meta.glob).
 */
import { createServer } from "vite";
import {
  appModules,
  registerComponents,
  schema,
} from "../tests/support/components";
import { printBanner } from "./local-backend/banner";
import { onWrite } from "./local-backend/readSets";
import { startLocalBackend } from "./local-backend/server";

const APP_PORT = Number(process.env.PORT ?? 5173);
const appUrl = `http://localhost:${APP_PORT}`;

const backend = await startLocalBackend({
  app: { schema, modules: appModules, registerComponents },
  siteUrl: appUrl,
  port: Number(process.env.CONVEX_PORT ?? 3210),
  sitePort: Number(process.env.CONVEX_SITE_PORT ?? 3211),
});

// Variables already in the environment win over .env.local, so a
// `npm run dev` setup in .env.local is left alone.
process.env.VITE_CONVEX_URL = backend.cloudUrl;
process.env.VITE_CONVEX_SITE_URL = backend.siteUrl;
const vite = await createServer({
  server: { port: APP_PORT, strictPort: true },
});
await vite.listen();

printBanner(backend, appUrl, [
  `run adminSetup:createAdminUser '{"email":"you@example.com","name":"You","password":"choose-a-password"}'`,
  `run devMailbox:latest '{"to":"you@example.com"}'`,
  "env set NAME value",
]);
console.log(`Open ${appUrl} — Ctrl+C stops both.\n`);

// Emails land in the dev mailbox (no RESEND_API_KEY). Here, on your own
// machine with throwaway in-memory data, their links are printed so that
// signing up needs no extra command. The functions' logs never carry them.
onWrite(({ table, value }) => {
  if (table !== "devMailbox" || !value) return;
  const { to, subject, link } = value as Record<string, string>;
  console.log(`\n  Dev mailbox: "${subject}" to ${to}\n  ${link}\n`);
});

const stop = async () => {
  await vite.close();
  await backend.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
