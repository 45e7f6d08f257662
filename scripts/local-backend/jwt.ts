/**
 * Verifies user JWTs the way a Convex deployment does for the providers in
 * convex/auth.config.ts (issuer, audience, signature, expiry with 5 s leeway)
 * and turns the claims into the identity `ctx.auth.getUserIdentity()` returns.
 */
import {
  createLocalJWKSet,
  decodeJwt,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from "jose";
import type { Identity } from "./types";

type CustomJwtProvider = {
  type: "customJwt";
  issuer: string;
  jwks: string;
  algorithm: string;
  applicationID?: string;
};
type OidcProvider = { domain: string; applicationID: string };
export type AuthProvider = CustomJwtProvider | OidcProvider;

/** Fetches a URL; URLs on the backend's own site are served in-process. */
export type Fetcher = (url: string) => Promise<Response>;

const REGISTERED = new Set([
  "iss",
  "sub",
  "aud",
  "exp",
  "nbf",
  "iat",
  "jti",
  "fva",
]);

const OIDC_FIELDS: Record<string, string> = {
  given_name: "givenName",
  family_name: "familyName",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  website: "websiteUrl",
  email_verified: "emailVerified",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  updated_at: "updatedAt",
};

function normalizeIssuer(issuer: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(issuer)
    ? issuer
    : `https://${issuer}`;
  return withScheme.replace(/\/+$/, "");
}

function audiences(payload: JWTPayload): string[] {
  return payload.aud === undefined
    ? []
    : Array.isArray(payload.aud)
      ? payload.aud
      : [payload.aud];
}

/** `{"org":{"id":"o1"}}` → `{"org.id":"o1"}`, as the backend flattens customJwt claims. */
function flatten(
  value: Record<string, unknown>,
  prefix = "",
  into: Record<string, unknown> = {},
) {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      flatten(inner as Record<string, unknown>, name, into);
    } else {
      into[name] = inner;
    }
  }
  return into;
}

export class TokenVerifier {
  private readonly keySets = new Map<
    string,
    ReturnType<typeof createLocalJWKSet>
  >();

  constructor(
    private readonly providers: () => Promise<AuthProvider[]>,
    private readonly fetcher: Fetcher,
  ) {}

  /** The identity for a valid token; throws with a readable reason otherwise. */
  async verify(token: string): Promise<Identity> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new Error(
        "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.",
      );
    }
    const iss = normalizeIssuer(String(unverified.iss ?? ""));
    const provider = (await this.providers()).find((candidate) => {
      const issuer =
        "domain" in candidate ? candidate.domain : candidate.issuer;
      const applicationID = candidate.applicationID;
      return (
        normalizeIssuer(issuer) === iss &&
        (!applicationID || audiences(unverified).includes(applicationID))
      );
    });
    if (!provider) {
      throw new Error(
        `No auth provider found matching the given token (no providers configured or the issuer "${unverified.iss}" and audience don't match any provider in auth.config.ts)`,
      );
    }
    const jwksUrl =
      "domain" in provider
        ? await this.oidcJwksUrl(provider.domain)
        : provider.jwks;
    const { payload } = await this.verifyWithKeys(token, jwksUrl, provider);
    if (!payload.sub) throw new Error("Token is missing the `sub` claim.");
    if (!payload.exp) throw new Error("Token is missing the `exp` claim.");
    return this.toIdentity(payload, "domain" in provider);
  }

  private async verifyWithKeys(
    token: string,
    jwksUrl: string,
    provider: AuthProvider,
  ) {
    const options = {
      clockTolerance: 5,
      ...("applicationID" in provider && provider.applicationID
        ? { audience: provider.applicationID }
        : {}),
      ...("algorithm" in provider ? { algorithms: [provider.algorithm] } : {}),
    };
    try {
      return await jwtVerify(token, await this.keySet(jwksUrl), options);
    } catch (error) {
      // Keys rotate: try once more with freshly fetched keys.
      if ((error as { code?: string }).code !== "ERR_JWKS_NO_MATCHING_KEY")
        throw error;
      this.keySets.delete(jwksUrl);
      return await jwtVerify(token, await this.keySet(jwksUrl), options);
    }
  }

  private async keySet(url: string) {
    const cached = this.keySets.get(url);
    if (cached) return cached;
    let jwks: JSONWebKeySet;
    if (url.startsWith("data:")) {
      const [, data = ""] = url.split(",", 2);
      const text = url.slice(0, url.indexOf(",")).includes(";base64")
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeURIComponent(data);
      jwks = JSON.parse(text) as JSONWebKeySet;
    } else {
      const response = await this.fetcher(url);
      if (!response.ok)
        throw new Error(`Could not fetch JWKS from ${url}: ${response.status}`);
      jwks = (await response.json()) as JSONWebKeySet;
    }
    const keySet = createLocalJWKSet(jwks);
    this.keySets.set(url, keySet);
    return keySet;
  }

  private async oidcJwksUrl(domain: string): Promise<string> {
    const response = await this.fetcher(
      `${normalizeIssuer(domain)}/.well-known/openid-configuration`,
    );
    const config = (await response.json()) as { jwks_uri?: string };
    if (!config.jwks_uri)
      throw new Error(`No jwks_uri in ${domain}'s OpenID configuration.`);
    return config.jwks_uri;
  }

  private toIdentity(payload: JWTPayload, oidc: boolean): Identity {
    const claims: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) {
      if (!REGISTERED.has(key)) claims[key] = value;
    }
    const mapped = oidc
      ? Object.fromEntries(
          Object.entries(claims).map(([key, value]) => [
            OIDC_FIELDS[key] ?? key,
            value,
          ]),
        )
      : flatten(claims);
    return {
      ...mapped,
      subject: payload.sub!,
      issuer: payload.iss!,
      tokenIdentifier: `${payload.iss}|${payload.sub}`,
    };
  }
}
