import type { LocalBackend } from "./types";

/** Where the data lives, in a line or two (with why saved data was set aside). */
function dataLines(backend: LocalBackend): string {
  const { dataDir, savedData } = backend;
  if (!dataDir)
    return "IN MEMORY, for development and tests only.\nData is lost when it stops. It is not a production backend.";
  const kept = `kept in ${dataDir} between restarts. For development only; not a production backend.`;
  switch (savedData.kind) {
    case "loaded":
      return `data ${kept}\nLoaded the saved data.`;
    case "incompatible":
      return `data ${kept}\nStarted empty: the saved data could not be used (${savedData.reason}); it was moved to ${savedData.setAside}.`;
    case "none":
      return `data ${kept}\nNo saved data: started empty.`;
  }
}

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
Local Convex backend: ${dataLines(backend)}

  Client URL (VITE_CONVEX_URL):       ${backend.cloudUrl}
  HTTP actions (VITE_CONVEX_SITE_URL): ${backend.siteUrl}${app}

Convex CLI (convex@1.48 honours --url/--admin-key, or the two variables below):
${cliExamples.map((args) => `  npx convex ${args} ${flags}`).join("\n")}
  export CONVEX_SELF_HOSTED_URL=${backend.cloudUrl} CONVEX_SELF_HOSTED_ADMIN_KEY=${backend.adminKey}
  (the CLI refuses these if CONVEX_DEPLOYMENT is also set, e.g. in .env.local)
`);
}
