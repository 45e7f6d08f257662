import type { LocalBackend } from "./server";

/** What the local backend is, where it listens, and how to use the CLI on it. */
export function printBanner(backend: LocalBackend, appUrl?: string): void {
  const cli = `--url ${backend.cloudUrl} --admin-key ${backend.adminKey}`;
  console.log(`
Local Convex backend: IN MEMORY, for development and tests only.
Data is lost when it stops. It is not a production backend.

  Client URL (VITE_CONVEX_URL):       ${backend.cloudUrl}
  HTTP actions (VITE_CONVEX_SITE_URL): ${backend.siteUrl}${appUrl ? `\n  App:                                 ${appUrl}` : ""}

Run Convex CLI commands against it with:
  npx convex run adminSetup:createAdminUser '{"email":"you@example.com","name":"You","password":"choose-a-password"}' ${cli}
  npx convex run devMailbox:latest '{"to":"you@example.com"}' ${cli}
  npx convex env set NAME value ${cli}
`);
}
