/**
 * The SPA's configuration: the two public URLs of the Convex deployment.
 * Checked once at start-up so a missing value shows a readable fix instead of
 * a blank page.
 */
export type ClientEnv = { convexUrl: string; convexSiteUrl: string };

// i18n: not shown to users (for the developer or operator who set up this
// build: commands and file names, on the "Configuration needed" page)
const FIX =
  "Run `npm start` (local backend) or `npm run dev` (Convex deployment), or copy .env.example to .env.local and fill it in.";

function readUrl(name: string, value: string | undefined): string {
  if (!value) throw new Error(`${name} is not set. ${FIX}`);
  try {
    return new URL(value).toString().replace(/\/$/, "");
  } catch {
    throw new Error(`${name} is not a valid URL: "${value}". ${FIX}`);
  }
}

export function readClientEnv(): ClientEnv {
  return {
    convexUrl: readUrl("VITE_CONVEX_URL", import.meta.env.VITE_CONVEX_URL),
    convexSiteUrl: readUrl(
      "VITE_CONVEX_SITE_URL",
      import.meta.env.VITE_CONVEX_SITE_URL,
    ),
  };
}
