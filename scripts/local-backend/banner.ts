import type { LocalBackend } from "./types";

/**
 * What the local backend is, where it listens, and the exact Convex CLI
 * command lines for it. `cliExamples` are `run`/`env` argument strings the
 * app wants shown, e.g. `run adminSetup:createAdminUser '{…}'`.
 */
export function printBanner(
  backend: LocalBackend,
  appUrl?: string,
  cliExamples: string[] = [
    `run <module>:<function> '{"arg":"value"}'`,
    "env set NAME value",
  ],
): void {
  const flags = `--url ${backend.cloudUrl} --admin-key ${backend.adminKey}`;
  const app = appUrl
    ? `\n  App:                                 ${appUrl}`
    : "";
  console.log(`
Local Convex backend: IN MEMORY, for development and tests only.
Data is lost when it stops. It is not a production backend.

  Client URL (VITE_CONVEX_URL):       ${backend.cloudUrl}
  HTTP actions (VITE_CONVEX_SITE_URL): ${backend.siteUrl}${app}

Convex CLI (convex@1.48 honours --url/--admin-key, or the two variables below):
${cliExamples.map((args) => `  npx convex ${args} ${flags}`).join("\n")}
  export CONVEX_SELF_HOSTED_URL=${backend.cloudUrl} CONVEX_SELF_HOSTED_ADMIN_KEY=${backend.adminKey}
  (the CLI refuses these if CONVEX_DEPLOYMENT is also set, e.g. in .env.local)
`);
}
