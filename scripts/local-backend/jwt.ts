/**
 * Verifies user JWTs the way a Convex deployment does for the providers in
 * convex/auth.config.ts (issuer, audience, signature, expiry with 5 s leeway)
 * and turns the claims into the identity `ctx.auth.getUserIdentity()` returns.
 *
 * Keys as a deployment picks them for customJwt (get-convex/convex-backend:
 * `validate_id_token` in crates/authentication/src/lib.rs, then biscuit's
 * `decode_with_jwks`): the token must name a `kid`, the first JWKS key with
 * that `kid` verifies it, and an unknown `kid` is refused without a second
 * try on a refetched JWKS. The JWKS is fetched for every token and kept only
 * as long as its response's `Cache-Control: max-age` allows (the
 * deployment's HTTP cache, crates/http_client/src/lib.rs), so a key removed
 * from a JWKS served without one is refused at once.
 */
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
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

/** `max-age` of a response that may be cached, in ms; 0 otherwise. */
function freshForMs(response: Response): number {
  const directives = (response.headers.get("cache-control") ?? "")
    .toLowerCase()
    .split(",")
    .map((directive) => directive.trim());
  if (directives.some((d) => d === "no-store" || d === "no-cache")) return 0;
  const maxAge = directives.find((d) => d.startsWith("max-age="));
  const seconds = maxAge ? Number(maxAge.slice("max-age=".length)) : 0;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function keyIdError(kid: string): Error {
  return new Error(
    `Could not decode token. The JWT's 'kid' (key ID) header is '${kid}', does this key match any key in the provider's JWKS?`,
  );
}

export class TokenVerifier {
  /** JWKS responses that said they may be cached, until when. */
  private readonly cachedJwks = new Map<
    string,
    { jwks: JSONWebKeySet; until: number }
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
    const jwks = await this.jwks(jwksUrl);
    const audience =
      provider.applicationID === undefined
        ? {}
        : { audience: provider.applicationID };
    if (!("algorithm" in provider)) {
      // OIDC (openidconnect-rs on a deployment): the key with the token's
      // `kid`, or the only one for its algorithm.
      return await jwtVerify(token, createLocalJWKSet(jwks), {
        clockTolerance: 5,
        ...audience,
      });
    }
    const { kid, alg } = decodeProtectedHeader(token);
    if (!kid) {
      throw new Error(
        "Could not decode token. JWT may be missing a 'kid' (key ID) header.",
      );
    }
    const jwk = jwks.keys.find((key) => key.kid === kid);
    // A key's own `alg`, if it has one, must be the token's and the provider's.
    const algorithm = jwk?.alg ?? provider.algorithm;
    if (!jwk || alg !== algorithm || algorithm !== provider.algorithm) {
      throw keyIdError(kid);
    }
    try {
      return await jwtVerify(token, await importJWK(jwk, algorithm), {
        clockTolerance: 5,
        algorithms: [algorithm],
        ...audience,
      });
    } catch (error) {
      // A bad signature reads as a key mismatch, as on a deployment.
      if (
        (error as { code?: string }).code ===
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
      ) {
        throw keyIdError(kid);
      }
      throw error;
    }
  }

  private async jwks(url: string): Promise<JSONWebKeySet> {
    if (url.startsWith("data:")) {
      const [, data = ""] = url.split(",", 2);
      const text = url.slice(0, url.indexOf(",")).includes(";base64")
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeURIComponent(data);
      return JSON.parse(text) as JSONWebKeySet;
    }
    const cached = this.cachedJwks.get(url);
    if (cached && cached.until > Date.now()) return cached.jwks;
    const response = await this.fetcher(url);
    if (!response.ok)
      throw new Error(`Could not fetch JWKS from ${url}: ${response.status}`);
    const jwks = (await response.json()) as JSONWebKeySet;
    const freshFor = freshForMs(response);
    if (freshFor > 0) {
      this.cachedJwks.set(url, { jwks, until: Date.now() + freshFor });
    } else {
      this.cachedJwks.delete(url);
    }
    return jwks;
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
