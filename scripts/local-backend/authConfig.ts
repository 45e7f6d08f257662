/**
 * The deployment's auth config (convex/auth.config.ts's providers) and the
 * verifier of its users' JWTs. Keys served by the backend's own site (the
 * app's JWKS route) are fetched in-process; any other URL for real.
 */
import { TokenVerifier, type AuthProvider } from "./jwt";
import type { Runtime } from "./runtime";

/** The providers the deployed auth.config.ts declares (none without one). */
export async function authProviders(runtime: Runtime): Promise<AuthProvider[]> {
  const config = (await runtime.loadModule("auth.config"))?.default as
    { providers?: AuthProvider[] } | undefined;
  return config?.providers ?? [];
}

/** Verifies user JWTs against the providers deployed at the time of each call. */
export function userTokenVerifier(
  runtime: Runtime,
  siteUrl: string,
): TokenVerifier {
  const fetcher = async (url: string) => {
    if (url.startsWith(siteUrl)) {
      return (await runtime.fetch(url.slice(siteUrl.length), { method: "GET" }))
        .response;
    }
    return await fetch(url);
  };
  return new TokenVerifier(() => authProviders(runtime), fetcher);
}
