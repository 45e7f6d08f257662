/**
 * The OAuth round trip as the browser makes it, without a browser: the SPA's
 * `signIn.social` / `linkSocial` call, the provider's authorize redirect
 * (a real request to the dev provider on loopback), and the callback on the
 * deployment's site URL, which redirects back to the SPA.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  startDevOAuthProvider,
  type DevIdentity,
  type DevOAuthProvider,
} from "../../scripts/devOAuthProvider";
import {
  authFetch,
  mergeCookies,
  setTestEnv,
  SITE_URL,
  type Backend,
} from "./backend";

let counter = 0;
/** A unique identity at the dev provider. */
export function newIdentity(overrides: Partial<DevIdentity> = {}): DevIdentity {
  counter += 1;
  return {
    sub: `dev-${counter}-${Date.now()}`,
    email: `oauth${counter}-${Date.now()}@example.com`,
    emailVerified: true,
    name: `OAuth User ${counter}`,
    picture: `https://images.example.com/oauth${counter}.png`,
    ...overrides,
  };
}

/** Starts the dev provider and sets its variables for the backend. */
export async function startProviderFor(): Promise<DevOAuthProvider> {
  const provider = await startDevOAuthProvider();
  Object.assign(process.env, provider.env);
  return provider;
}

export function clearProviderEnv(provider: DevOAuthProvider): void {
  for (const name of Object.keys(provider.env)) delete process.env[name];
}

/**
 * The dev provider for a whole test file: started before its tests, its
 * variables set again after each (a test may reset the environment),
 * stopped after all. Returns the running provider.
 */
export function useDevProvider(): () => DevOAuthProvider {
  let provider: DevOAuthProvider | undefined;
  beforeAll(async () => {
    provider = await startProviderFor();
  });
  afterEach(() => {
    setTestEnv();
    if (provider) Object.assign(process.env, provider.env);
  });
  afterAll(async () => {
    if (!provider) return;
    clearProviderEnv(provider);
    await provider.close();
  });
  return () => provider!;
}

/** The SPA's call that starts the flow; returns the provider's authorize URL. */
export async function startFlow(
  t: Backend,
  options: { provider?: string; cookie?: string; link?: boolean } = {},
): Promise<URL> {
  const provider = options.provider ?? "dev";
  const response = await authFetch(
    t,
    options.link ? "/link-social" : "/sign-in/social",
    {
      cookie: options.cookie,
      body: {
        provider,
        callbackURL: `${SITE_URL}${options.link ? "/settings" : "/"}`,
        errorCallbackURL: `${SITE_URL}${options.link ? "/settings" : "/sign-in"}`,
      },
    },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  const { url } = (await response.json()) as { url: string };
  return new URL(url);
}

/** The browser at the provider: returns where the provider redirects to. */
export async function authorize(authorizeUrl: URL): Promise<URL> {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** The browser at the callback on the site URL: returns the redirect to the SPA. */
export async function callback(
  t: Backend,
  callbackUrl: URL,
  cookie = "",
): Promise<URL> {
  const response = await t.fetch(callbackUrl.pathname + callbackUrl.search, {
    method: "GET",
    headers: cookie ? { cookie } : {},
  });
  expect(response.status, await response.clone().text()).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** A whole sign-in with the dev provider; returns where the SPA is sent. */
export async function signInWithDev(t: Backend): Promise<URL> {
  return await callback(t, await authorize(await startFlow(t)));
}

/** What the SPA's provider component does with `?ott=`: returns the session's cookies. */
export async function exchangeOneTimeToken(
  t: Backend,
  token: string,
): Promise<Response> {
  return await authFetch(t, "/cross-domain/one-time-token/verify", {
    body: { token },
  });
}

export async function sessionCookieFrom(
  t: Backend,
  landing: URL,
): Promise<string> {
  const token = landing.searchParams.get("ott");
  expect(token, landing.toString()).toBeTruthy();
  const response = await exchangeOneTimeToken(t, token!);
  expect(response.status).toBe(200);
  return mergeCookies("", response);
}
