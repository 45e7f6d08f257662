/**
 * Backend configuration, validated where it is used (not at module load), so a
 * first `convex dev` push succeeds before the variables are set, and every
 * failure names the fix.
 */

export const MIN_SECRET_LENGTH = 32;

/** Placeholder values from .env.example and docs that must never be used. */
const EXAMPLE_SECRETS = new Set([
  "change-me",
  "replace-with-a-random-secret-of-at-least-32-characters",
]);

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function read(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

/** The secret Better Auth signs and encrypts with. */
export function betterAuthSecret(): string {
  const secret = read("BETTER_AUTH_SECRET");
  const fix =
    "Run: npx convex env set BETTER_AUTH_SECRET $(openssl rand -hex 32)";
  if (!secret) {
    throw new ConfigError(`BETTER_AUTH_SECRET is not set. ${fix}`);
  }
  if (secret.length < MIN_SECRET_LENGTH || EXAMPLE_SECRETS.has(secret)) {
    throw new ConfigError(
      `BETTER_AUTH_SECRET must be a random value of at least ${MIN_SECRET_LENGTH} characters. ${fix}`,
    );
  }
  return secret;
}

/** The SPA's origin: trusted for CORS and auth redirects, used in email links. */
export function siteUrl(): string {
  const value = read("SITE_URL");
  const fix =
    "Run: npx convex env set SITE_URL http://localhost:5173 (your app's URL)";
  if (!value) {
    throw new ConfigError(`SITE_URL is not set. ${fix}`);
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // handled below
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError(
      `SITE_URL is not a valid http(s) URL: "${value}". ${fix}`,
    );
  }
  return url.origin;
}

/** The deployment's HTTP actions URL; Convex sets it on every deployment. */
export function convexSiteUrl(): string {
  const value = read("CONVEX_SITE_URL");
  if (!value) {
    throw new ConfigError(
      "CONVEX_SITE_URL is not set. Convex sets it on deployments; in tests set process.env.CONVEX_SITE_URL.",
    );
  }
  return value.replace(/\/+$/, "");
}

export const DEFAULT_JWT_LIFETIME_SECONDS = 15 * 60;
const MIN_JWT_LIFETIME_SECONDS = 30;
const MAX_JWT_LIFETIME_SECONDS = 60 * 60;

/**
 * How long a Convex JWT lives (JWT_LIFETIME_SECONDS, default 15 minutes).
 * Clients refresh it before it expires; a session ended on the server is
 * refused at once anyway (convex/authorization.ts checks it on every call),
 * so this bounds only how long a stolen JWT works on its own. At least 30 s,
 * which leaves the Convex client's 10 s refresh leeway room.
 */
export function jwtLifetimeSeconds(): number {
  const value = read("JWT_LIFETIME_SECONDS");
  if (value === undefined) return DEFAULT_JWT_LIFETIME_SECONDS;
  const seconds = Number(value);
  if (
    !Number.isInteger(seconds) ||
    seconds < MIN_JWT_LIFETIME_SECONDS ||
    seconds > MAX_JWT_LIFETIME_SECONDS
  ) {
    throw new ConfigError(
      `JWT_LIFETIME_SECONDS must be a whole number of seconds from ${MIN_JWT_LIFETIME_SECONDS} to ${MAX_JWT_LIFETIME_SECONDS}, not "${value}". Run: npx convex env remove JWT_LIFETIME_SECONDS (for the default, ${DEFAULT_JWT_LIFETIME_SECONDS}).`,
    );
  }
  return seconds;
}

/** Resend credentials; `undefined` when RESEND_API_KEY is not set. */
export function resendConfig(): { apiKey: string; from: string } | undefined {
  const apiKey = read("RESEND_API_KEY");
  if (!apiKey) return undefined;
  const from = read("EMAIL_FROM");
  if (!from) {
    throw new ConfigError(
      'RESEND_API_KEY is set but EMAIL_FROM is not. Run: npx convex env set EMAIL_FROM "My App <noreply@yourdomain.com>"',
    );
  }
  return { apiKey, from };
}

function isLoopbackHost(host: string): boolean {
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/** True when SITE_URL is this machine: local development. */
export function isLocalSite(): boolean {
  return isLoopbackHost(new URL(siteUrl()).hostname);
}

/**
 * True when both the SPA (SITE_URL) and the deployment itself (its
 * CONVEX_SITE_URL, set by Convex) are on this machine: the local backend of
 * `npm start` or the CLI's local deployment, never a cloud deployment, even
 * a dev one whose SITE_URL is localhost (anyone can reach that one).
 */
export function isLocalDeployment(): boolean {
  try {
    return isLocalSite() && isLoopbackHost(new URL(convexSiteUrl()).hostname);
  } catch {
    return false;
  }
}

export type EmailDelivery =
  { kind: "resend"; apiKey: string; from: string } | { kind: "devMailbox" };

/**
 * Where auth emails go: Resend when configured, else the dev mailbox, but
 * only in local development. A deployed app without Resend would put every
 * verification and reset link where no user can read it, so that throws.
 */
export function emailDelivery(): EmailDelivery {
  const resend = resendConfig();
  if (resend) return { kind: "resend", ...resend };
  if (isLocalSite()) return { kind: "devMailbox" };
  throw new ConfigError(
    `Email is not configured: SITE_URL is ${siteUrl()} (not a local address) and RESEND_API_KEY is not set, so no verification, reset or sign-in link can be sent. Run: npx convex env set RESEND_API_KEY re_… and npx convex env set EMAIL_FROM "My App <noreply@yourdomain.com>" (add --prod for production).`,
  );
}

/** Resend's webhook signing secret; `undefined` when not set. */
export function resendWebhookSecret(): string | undefined {
  return read("RESEND_WEBHOOK_SECRET");
}

/**
 * The request header that carries the client's IP, set by a proxy the
 * operator runs in front of the deployment (e.g. `CF-Connecting-IP`), in
 * lower case; `undefined` (the default) turns per-IP limits off. Convex
 * passes headers on as the client sent them, so only a header the
 * operator's own proxy overwrites can be trusted.
 */
export function trustedIpHeader(): string | undefined {
  const value = read("TRUSTED_IP_HEADER");
  if (!value) return undefined;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(value)) {
    throw new ConfigError(
      `TRUSTED_IP_HEADER must be a header name such as CF-Connecting-IP, not "${value}". Run: npx convex env set TRUSTED_IP_HEADER CF-Connecting-IP, or npx convex env remove TRUSTED_IP_HEADER`,
    );
  }
  return value.toLowerCase();
}

/** The shared ceiling's default: failed password sign-ins a minute, everyone together. */
export const DEFAULT_SHARED_LIMIT_PER_MINUTE = 600;

/**
 * AUTH_SHARED_LIMIT_PER_MINUTE: how many failed password sign-ins a minute
 * all strangers together get (convex/rateLimits.ts derives the shared
 * email and flow-start ceilings from it). Size it to the peak of real
 * failures: a flood beyond it slows new browsers, never known ones.
 */
export function sharedLimitPerMinute(): number {
  const value = read("AUTH_SHARED_LIMIT_PER_MINUTE");
  if (!value) return DEFAULT_SHARED_LIMIT_PER_MINUTE;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 10 || parsed > 1_000_000) {
    throw new ConfigError(
      `AUTH_SHARED_LIMIT_PER_MINUTE must be a whole number from 10 to 1000000, not "${value}". Run: npx convex env set AUTH_SHARED_LIMIT_PER_MINUTE 600, or npx convex env remove AUTH_SHARED_LIMIT_PER_MINUTE`,
    );
  }
  return parsed;
}

/** Providers whose OAuth app the operator registers. */
type OAuthAppProvider = "github" | "google";

/** Sign-in providers: GitHub and Google, and the local dev provider. */
export type SocialProvider = OAuthAppProvider | typeof DEV_PROVIDER_ID;

/**
 * OAuth apps configured on the deployment. A provider is offered only when
 * both its client id and secret are set.
 */
export function socialProviderCredentials(): Partial<
  Record<OAuthAppProvider, { clientId: string; clientSecret: string }>
> {
  const pairs = {
    github: [read("GITHUB_CLIENT_ID"), read("GITHUB_CLIENT_SECRET")],
    google: [read("GOOGLE_CLIENT_ID"), read("GOOGLE_CLIENT_SECRET")],
  } as const;
  const configured: Partial<
    Record<OAuthAppProvider, { clientId: string; clientSecret: string }>
  > = {};
  for (const [provider, [clientId, clientSecret]] of Object.entries(pairs)) {
    if (clientId && clientSecret) {
      configured[provider as OAuthAppProvider] = { clientId, clientSecret };
    }
  }
  return configured;
}

/** The provider id of the local OpenID Connect provider `npm start` runs. */
export const DEV_PROVIDER_ID = "dev";

export const DEV_PROVIDER_VARIABLES = [
  "DEV_OAUTH_ISSUER",
  "DEV_OAUTH_CLIENT_ID",
  "DEV_OAUTH_CLIENT_SECRET",
] as const;

export type DevOAuthProvider = {
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
};

/**
 * Why the dev provider is off although some of its variables are set, or
 * `undefined`. It signs in whoever its operator says, so it only ever runs
 * when both the SPA (SITE_URL) and the provider are on this machine: a
 * deployment that inherited the variables gets this message, not the button.
 */
function devProviderRefusal(values: (string | undefined)[]) {
  const fix = `Run: ${DEV_PROVIDER_VARIABLES.map((name) => `npx convex env remove ${name}`).join(" && ")}`;
  if (values.some((value) => !value)) {
    return `The dev sign-in provider needs all of ${DEV_PROVIDER_VARIABLES.join(", ")}. ${fix}, or set the missing ones.`;
  }
  if (!isLocalSite()) {
    return `The dev sign-in provider is only for local development, but SITE_URL is ${siteUrl()}; it stays off. ${fix}`;
  }
  let issuer: URL | undefined;
  try {
    issuer = new URL(values[0]!);
  } catch {
    // handled below
  }
  if (
    !issuer ||
    issuer.protocol !== "http:" ||
    !isLoopbackHost(issuer.hostname)
  ) {
    return `DEV_OAUTH_ISSUER must be an http:// URL on this machine (127.0.0.1 or localhost), not "${values[0]}"; the dev provider stays off. ${fix}`;
  }
  return undefined;
}

/**
 * The local OpenID Connect provider (scripts/devOAuthProvider.ts), or
 * `undefined`: on only when all of DEV_OAUTH_ISSUER, DEV_OAUTH_CLIENT_ID and
 * DEV_OAUTH_CLIENT_SECRET are set, SITE_URL is a loopback address, and the
 * issuer is on loopback too. Its own variables never make it throw, so a
 * stray one can't break sign-in; `devProviderProblem` reports it.
 */
export function devOAuthProvider(): DevOAuthProvider | undefined {
  const values = DEV_PROVIDER_VARIABLES.map(read);
  if (values.every((value) => !value) || devProviderRefusal(values)) {
    return undefined;
  }
  const [issuer, clientId, clientSecret] = values as string[];
  return {
    discoveryUrl: `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
  };
}

/** For the config check: throws when dev-provider variables are set but refused. */
export function devProviderProblem(): void {
  const values = DEV_PROVIDER_VARIABLES.map(read);
  if (values.every((value) => !value)) return;
  const refusal = devProviderRefusal(values);
  if (refusal) throw new ConfigError(refusal);
}

/** Every provider a sign-in button is shown for, in a stable order. */
export function signInProviders(): SocialProvider[] {
  const providers: SocialProvider[] = Object.keys(
    socialProviderCredentials(),
  ) as OAuthAppProvider[];
  if (devOAuthProvider()) providers.push(DEV_PROVIDER_ID);
  return providers;
}
