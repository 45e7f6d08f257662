/**
 * `npm start`: the whole app with no Convex account and no network.
 *
 * 1. Starts the local in-memory backend (scripts/local-backend), empty, as a
 *    new deployment with SITE_URL and a random BETTER_AUTH_SECRET.
 * 2. Runs the real `convex dev` against it: it type-checks, bundles and
 *    pushes convex/, writes convex/_generated, watches for edits and tails
 *    the function logs, exactly as against a cloud deployment.
 * 3. After the first push, starts Vite pointed at the backend.
 *
 * A local OpenID Connect provider (scripts/devOAuthProvider.ts) runs beside
 * them, behind the sign-in page's "Continue with Dev provider".
 *
 * The deployment's URL and admin key reach only the child process; nothing
 * is written to .env.local. Runs under vite-node (the local backend needs
 * Vite's module runner).
 */
import { createServer, type ViteDevServer } from "vite";
import { spawnConvexCli } from "./convexCli";
import { DEV_USER, startDevOAuthProvider } from "./devOAuthProvider";
import { printBanner, startLocalBackend } from "./local-backend";

const APP_PORT = Number(process.env.PORT ?? 5173);
const appUrl = `http://localhost:${APP_PORT}`;

const devProvider = await startDevOAuthProvider();
const backend = await startLocalBackend({
  siteUrl: appUrl,
  env: devProvider.env, // on only while SITE_URL is loopback (convex/env.ts)
  port: Number(process.env.CONVEX_PORT ?? 3210),
  sitePort: Number(process.env.CONVEX_SITE_PORT ?? 3211),
  // `convex dev` tails them, as from any deployment.
  echoLogs: false,
});

const firstPush = new Promise<void>((resolve) => {
  const stop = backend.onPush(() => {
    stop();
    resolve();
  });
});
// `npm start -- --typecheck=disable` and the like reach `convex dev`.
const convexDevFlags = process.argv.slice(2).filter((arg) => arg !== "--");
const convexDev = spawnConvexCli(backend, ["dev", ...convexDevFlags], {
  workspace: "start",
});
const running: { vite?: ViteDevServer } = {};

let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  convexDev.kill("SIGINT");
  await running.vite?.close();
  await backend.close();
  await devProvider.close();
  process.exit(code);
};
convexDev.on("exit", (code) => {
  if (stopping) return;
  console.error(`\`convex dev\` exited (${code ?? "signal"}); stopping.`);
  void stop(code || 1);
});
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

await firstPush;

// Variables already in the environment win over .env.local, so a
// `npm run dev` setup in .env.local is left alone.
process.env.VITE_CONVEX_URL = backend.cloudUrl;
process.env.VITE_CONVEX_SITE_URL = backend.siteUrl;
running.vite = await createServer({
  server: { port: APP_PORT, strictPort: true },
});
await running.vite.listen();

printBanner(backend, appUrl, [
  `run adminSetup:createAdminUser '{"email":"you@example.com","name":"You","password":"choose-a-password"}'`,
  `run devMailbox:latest '{"to":"you@example.com"}'`,
  "env set NAME value",
]);
console.log(
  `"Continue with Dev provider" signs in as ${DEV_USER.name} <${DEV_USER.email}> through a local OpenID Connect provider (${devProvider.issuer}), for development only.\n`,
);
console.log(
  `Open ${appUrl}. Edits under convex/ go live on save. Ctrl+C stops everything.\n`,
);

// Emails land in the dev mailbox (no RESEND_API_KEY). Here, on your own
// machine with throwaway in-memory data, their links are printed so that
// signing up needs no extra command. The functions' logs never carry them.
backend.onWrite("devMailbox", ({ value }) => {
  if (!value) return;
  const { to, subject, link } = value as Record<string, string>;
  console.log(`\n  Dev mailbox: "${subject}" to ${to}\n  ${link}\n`);
});
