/**
 * What is wrong with this deployment's configuration, for the SPA to show.
 *
 * Some configuration errors never reach the browser readably: with SITE_URL
 * unset, the CORS check fails before any CORS header is written, so the
 * browser reports only a generic network error. The SPA then asks
 * `GET /api/config-check` (readable from any origin, as it holds nothing
 * secret: variable names, the fixes, and SITE_URL, which is public anyway).
 */
import {
  betterAuthSecret,
  ConfigError,
  convexSiteUrl,
  devProviderProblem,
  emailDelivery,
  sharedLimitPerMinute,
  siteUrl,
  trustedIpHeader,
} from "./env";

export type ConfigProblem = { variable: string; message: string };

const CHECKS: [variable: string, check: () => unknown][] = [
  ["SITE_URL", siteUrl],
  ["BETTER_AUTH_SECRET", betterAuthSecret],
  ["CONVEX_SITE_URL", convexSiteUrl],
  ["RESEND_API_KEY", emailDelivery],
  ["TRUSTED_IP_HEADER", trustedIpHeader],
  ["AUTH_SHARED_LIMIT_PER_MINUTE", sharedLimitPerMinute],
  ["DEV_OAUTH_ISSUER", devProviderProblem],
];

/**
 * Every configuration problem, each with the command that fixes it.
 * `appOrigin` is where the asking SPA runs: SITE_URL must match it.
 */
export function configProblems(appOrigin: string | null): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [variable, check] of CHECKS) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The email check depends on SITE_URL; report that problem once.
      if (!problems.some((p) => p.variable === "SITE_URL")) {
        problems.push({ variable, message: error.message });
      }
    }
  }
  const origin = originOf(appOrigin);
  if (origin && problems.length === 0 && origin !== siteUrl()) {
    problems.push({
      variable: "SITE_URL",
      message: `SITE_URL is ${siteUrl()}, but the app runs at ${origin}, so the browser refuses the auth server's answers (CORS). Run: npx convex env set SITE_URL ${origin}`,
    });
  }
  return problems;
}

function originOf(value: string | null): string | null {
  try {
    const url = new URL(value ?? "");
    return url.protocol === "http:" || url.protocol === "https:"
      ? url.origin
      : null;
  } catch {
    return null;
  }
}

/** The answer of `GET /api/config-check`: `{ ok, problems }`, never cached. */
export function configCheckResponse(request: Request): Response {
  const problems = configProblems(request.headers.get("origin"));
  return new Response(JSON.stringify({ ok: problems.length === 0, problems }), {
    status: 200,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      "access-control-allow-origin": "*",
    },
  });
}
