/**
 * `npm start`: the whole app with no Convex account and no network.
 *
 * 1. Starts the local backend (scripts/local-backend) with the data kept in
 *    .convex-local/ by the last run (users, sessions, notes, variables: the
 *    random BETTER_AUTH_SECRET too, so signed-in browsers stay signed in),
 *    or empty, as a new deployment with SITE_URL and a random secret.
 *    `npm start -- --fresh` discards the saved data first.
 *    Messages are compiled first if they changed (scripts/paraglide.ts).
 * 2. Runs the real `convex dev` against it: it type-checks, bundles and
 *    pushes convex/, writes convex/_generated, watches for edits and tails
 *    the function logs, exactly as against a cloud deployment.
 * 3. After the first push, starts Vite pointed at the backend.
 *
 * A local OpenID Connect provider (scripts/devOAuthProvider.ts) runs beside
 * them, behind the sign-in page's "Continue with Dev provider".
 *
 * The deployment's URL and admin key reach the child process and
 * .convex-local/running.json (for `npm run seed`); nothing is written to
 * .env.local. Runs under vite-node (the local backend needs Vite's module
 * runner).
 */
import { rmSync } from "node:fs";
import { relative } from "node:path";
import { styleText } from "node:util";
import { createServer, type ViteDevServer } from "vite";
import { spawnConvexCli } from "./convexCli";
import { DEV_USER, startDevOAuthProvider } from "./devOAuthProvider";
import { printBanner, startLocalBackend } from "./local-backend";
import { compileMessagesIfStale } from "./paraglide";
import {
  LOCAL_DATA_DIR,
  removeRunningDeployment,
  writeRunningDeployment,
} from "./localDeployment";

const APP_PORT = Number(process.env.PORT ?? 5173);
const appUrl = `http://localhost:${APP_PORT}`;
const args = process.argv.slice(2).filter((arg) => arg !== "--");
const fresh = args.includes("--fresh");
const dataDir = relative(".", LOCAL_DATA_DIR);

if (fresh) rmSync(LOCAL_DATA_DIR, { recursive: true, force: true });
await compileMessagesIfStale();
const devProvider = await startDevOAuthProvider();
const backend = await startLocalBackend({
  siteUrl: appUrl,
  env: devProvider.env, // on only while SITE_URL is loopback (convex/env.ts)
  port: Number(process.env.CONVEX_PORT ?? 3210),
  sitePort: Number(process.env.CONVEX_SITE_PORT ?? 3211),
  // `convex dev` tails them, as from any deployment.
  echoLogs: false,
  dataDir,
});
if (backend.savedData.kind === "incompatible")
  console.warn(
    `\nThe saved data in ${dataDir}/ can't be used (${backend.savedData.reason}); starting empty. The old file is now ${relative(".", backend.savedData.setAside)}.\n`,
  );
writeRunningDeployment({
  cloudUrl: backend.cloudUrl,
  siteUrl: backend.siteUrl,
  adminKey: backend.adminKey,
  appUrl,
  pid: process.pid,
});

const firstPush = new Promise<void>((resolve) => {
  const stop = backend.onPush(() => {
    stop();
    resolve();
  });
});
// `npm start -- --typecheck=disable` and the like reach `convex dev`.
const convexDevFlags = args.filter((arg) => arg !== "--fresh");
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
  removeRunningDeployment();
  await backend.close(); // saves the data a last time
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
  server: {
    port: APP_PORT,
    strictPort: true,
    // The backend saves there after every write; Tailwind's plugin would
    // reload the page for each save it sees (when .gitignore doesn't hide it).
    watch: { ignored: [`**/${dataDir}/**`] },
  },
});
await running.vite.listen();

printBanner(backend, appUrl, [
  // No password: it answers with a one-time link to choose one.
  `run adminSetup:createAdminUser '{"email":"<your email>","name":"<your name>"}'`,
  `run devMailbox:latest '{"to":"<email>"}'`,
  "env set NAME value",
]);
console.log(
  `Demo accounts: \`npm run seed\` creates an admin and a few users, and prints their passwords once.\nData is kept in ${dataDir}/ between runs; \`npm start -- --fresh\` starts empty.\n`,
);
console.log(
  `"Continue with Dev provider" signs in as ${DEV_USER.name} <${DEV_USER.email}> through a local OpenID Connect provider (${devProvider.issuer}), for development only.\n`,
);
console.log(
  `Open ${appUrl}. Edits under convex/ go live on save. Ctrl+C stops everything.\n`,
);

// Emails land in the dev mailbox (no RESEND_API_KEY). Here, on your own
// machine with throwaway accounts, their links are printed so that signing
// up needs no extra command, set off from the logs around them (in colour
// on a terminal). The functions' logs never carry them.
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const style = (format: Parameters<typeof styleText>[0], text: string) =>
  colour ? styleText(format, text) : text;
backend.onWrite("devMailbox", ({ value }) => {
  if (!value) return;
  const { to, subject, link } = value as Record<string, string>;
  console.log(
    `\n${style(["bold", "cyan"], `  ✉ Dev mailbox: "${subject}" to ${to}`)}\n  ${style("underline", link)}\n  ${style("dim", `(every email: ${appUrl}/dev/mailbox)`)}\n`,
  );
});
