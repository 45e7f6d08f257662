/**
 * A real OpenID Connect provider on loopback, for local development and the
 * tests: `oauth2-mock-server` (discovery, authorize, token, userinfo, JWKS;
 * ID tokens signed with a fresh RS256 key). It signs in whichever identity
 * it is told to, without asking, so it exists only for this machine: the
 * backend turns it on only while SITE_URL and the issuer are loopback
 * addresses (convex/env.ts).
 *
 * On top of the library it enforces what a real provider would: PKCE (S256)
 * is required, and a code is redeemed only by the client and redirect URI it
 * was issued for.
 */
import { randomBytes } from "node:crypto";
import {
  OAuth2Server,
  type MutableRedirectUri,
  type MutableResponse,
  type MutableToken,
  type TokenRequest,
  type TokenRequestIncomingMessage,
} from "oauth2-mock-server";
import type { IncomingMessage } from "node:http";

/** Who the provider says is signing in: the claims of its ID token. */
export type DevIdentity = {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  picture: string;
};

export const DEV_USER: DevIdentity = {
  sub: "dev-user",
  email: "dev.user@example.com",
  emailVerified: true,
  name: "Dev User",
  picture: "https://www.gravatar.com/avatar/?d=identicon",
};

export const DEV_CLIENT_ID = "convex-better-auth-starter";

export type DevOAuthProvider = {
  /** The issuer URL; discovery is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** The backend variables that turn the provider on (convex/env.ts). */
  env: Record<
    "DEV_OAUTH_ISSUER" | "DEV_OAUTH_CLIENT_ID" | "DEV_OAUTH_CLIENT_SECRET",
    string
  >;
  /** The library's service, for tests that change one answer (`once(...)`). */
  service: OAuth2Server["service"];
  /** The identity of the next sign-ins. */
  signInAs(identity: DevIdentity): void;
  close(): Promise<void>;
};

type IssuedCode = {
  identity: DevIdentity;
  clientId: string;
  redirectUri: string;
};

export async function startDevOAuthProvider(
  options: { port?: number; host?: string; identity?: DevIdentity } = {},
): Promise<DevOAuthProvider> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(options.port ?? 0, options.host ?? "127.0.0.1");
  const issuer = server.issuer.url!;
  const clientSecret = randomBytes(24).toString("hex");
  let identity = options.identity ?? DEV_USER;
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, DevIdentity>();
  const { service } = server;
  const sameClient = (
    authorizedId: string,
    presented: { id: string; secret: string },
  ) =>
    authorizedId === DEV_CLIENT_ID &&
    presented.id === DEV_CLIENT_ID &&
    presented.secret === clientSecret;

  service.on(
    "beforeAuthorizeRedirect",
    ({ url }: MutableRedirectUri, req: IncomingMessage) => {
      const query = new URL(req.url ?? "/", issuer).searchParams;
      const code = url.searchParams.get("code");
      if (!code) return;
      if (query.get("code_challenge_method") !== "S256") {
        url.searchParams.delete("code");
        url.searchParams.set("error", "invalid_request");
        url.searchParams.set("error_description", "PKCE (S256) is required.");
        return;
      }
      codes.set(code, {
        identity,
        clientId: query.get("client_id") ?? "",
        redirectUri: query.get("redirect_uri") ?? "",
      });
    },
  );

  const claims = (who: DevIdentity) => ({
    sub: who.sub,
    email: who.email,
    email_verified: who.emailVerified,
    name: who.name,
    picture: who.picture,
  });

  service.on(
    "beforeTokenSigning",
    (token: MutableToken, req: TokenRequestIncomingMessage) => {
      const issued = codes.get(String(req.body.code));
      if (issued) Object.assign(token.payload, claims(issued.identity));
    },
  );

  service.on(
    "beforeResponse",
    (response: MutableResponse, req: TokenRequestIncomingMessage) => {
      // The library's type lists only the fields it reads itself.
      const body = req.body as TokenRequest & {
        redirect_uri?: string;
        client_secret?: string;
      };
      const issued = codes.get(String(body.code));
      codes.delete(String(body.code)); // a code is redeemed once
      const refuse = !issued
        ? "unknown or used code"
        : !body.code_verifier
          ? "code_verifier missing (PKCE)"
          : issued.redirectUri !== body.redirect_uri
            ? "redirect_uri differs from the authorization request"
            : !sameClient(issued.clientId, credentialsOf(req))
              ? "wrong client credentials"
              : null;
      if (refuse) {
        response.statusCode = 400;
        response.body = { error: "invalid_grant", error_description: refuse };
        return;
      }
      const accessToken = (response.body as { access_token?: string })
        .access_token;
      if (accessToken) accessTokens.set(accessToken, issued!.identity);
    },
  );

  service.on(
    "beforeUserinfo",
    (response: MutableResponse, req: IncomingMessage) => {
      const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, "");
      const who = bearer ? accessTokens.get(bearer) : undefined;
      if (who) response.body = claims(who);
      else {
        response.statusCode = 401;
        response.body = { error: "invalid_token" };
      }
    },
  );

  return {
    issuer,
    env: {
      DEV_OAUTH_ISSUER: issuer,
      DEV_OAUTH_CLIENT_ID: DEV_CLIENT_ID,
      DEV_OAUTH_CLIENT_SECRET: clientSecret,
    },
    service,
    signInAs(next) {
      identity = next;
    },
    close: () => server.stop(),
  };
}

/** A token request's client credentials: HTTP Basic auth or form fields. */
function credentialsOf(req: TokenRequestIncomingMessage) {
  const basic = req.headers.authorization?.match(/^Basic\s+(.+)$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString();
    const colon = decoded.indexOf(":");
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  }
  const body = req.body as TokenRequest & { client_secret?: string };
  return {
    id: String(body.client_id ?? ""),
    secret: String(body.client_secret ?? ""),
  };
}
