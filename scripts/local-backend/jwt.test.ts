/**
 * The local backend's JWT checks (jwt.ts) against what a deployment does
 * with a customJwt provider whose JWKS holds several keys (as during a
 * signing-key rotation): the token's `kid` picks the key, a missing or
 * unknown `kid` is refused without refetching, and the JWKS is cached only
 * as long as its Cache-Control allows. A unit test of an internal, so it
 * sits beside it, inside the folder.
 */
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
} from "jose";
import { beforeAll, describe, expect, test } from "vitest";
import { TokenVerifier, type AuthProvider } from "./jwt";

const ISSUER = "https://site.example";
const JWKS_URL = `${ISSUER}/api/auth/convex/jwks`;
const PROVIDER: AuthProvider = {
  type: "customJwt",
  issuer: ISSUER,
  applicationID: "convex",
  algorithm: "RS256",
  jwks: JWKS_URL,
};

type Pair = { privateKey: CryptoKey; publicJwk: JWK };
let oldKey: Pair;
let newKey: Pair;

async function pair(kid: string): Promise<Pair> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  return {
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256" },
  };
}

beforeAll(async () => {
  [oldKey, newKey] = await Promise.all([pair("old"), pair("new")]);
});

async function token(signer: Pair, kid: string | null = signer.publicJwk.kid!) {
  return await new SignJWT({ name: "Ada" })
    .setProtectedHeader({ alg: "RS256", ...(kid ? { kid } : {}) })
    .setIssuer(ISSUER)
    .setAudience("convex")
    .setSubject("user-1")
    .setIssuedAt()
    .setExpirationTime("15m")
    .sign(signer.privateKey);
}

/** A verifier over a JWKS the test changes, counting the fetches. */
function verifierFor(keys: () => JWK[], cacheControl?: string) {
  const fetched = { count: 0 };
  const verifier = new TokenVerifier(
    async () => [PROVIDER],
    async (url) => {
      expect(url).toBe(JWKS_URL);
      fetched.count++;
      return Response.json(
        { keys: keys() },
        cacheControl ? { headers: { "cache-control": cacheControl } } : {},
      );
    },
  );
  return { verifier, fetched };
}

describe("local backend: JWTs with several keys in the JWKS", () => {
  test("the token's kid picks the key; either key's tokens verify", async () => {
    const { verifier } = verifierFor(() => [
      newKey.publicJwk,
      oldKey.publicJwk,
    ]);
    for (const signer of [oldKey, newKey]) {
      expect(await verifier.verify(await token(signer))).toMatchObject({
        subject: "user-1",
        name: "Ada",
      });
    }
    // Signed by one key but naming the other: refused, not tried on every key.
    await expect(verifier.verify(await token(newKey, "old"))).rejects.toThrow(
      "The JWT's 'kid' (key ID) header is 'old', does this key match any key in the provider's JWKS?",
    );
  });

  test("a token without a kid is refused, even with one key", async () => {
    const { verifier } = verifierFor(() => [oldKey.publicJwk]);
    await expect(verifier.verify(await token(oldKey, null))).rejects.toThrow(
      "JWT may be missing a 'kid'",
    );
  });

  test("an unknown kid is refused without refetching the JWKS", async () => {
    const { verifier, fetched } = verifierFor(() => [newKey.publicJwk]);
    await expect(verifier.verify(await token(oldKey))).rejects.toThrow(
      "header is 'old'",
    );
    expect(fetched.count).toBe(1);
  });

  test("without Cache-Control the JWKS is read per token: a removed key is refused at once", async () => {
    let keys = [newKey.publicJwk, oldKey.publicJwk];
    const { verifier, fetched } = verifierFor(() => keys);
    const signedBefore = await token(oldKey);
    await verifier.verify(signedBefore);
    keys = [newKey.publicJwk];
    await expect(verifier.verify(signedBefore)).rejects.toThrow(
      "header is 'old'",
    );
    await verifier.verify(await token(newKey));
    expect(fetched.count).toBe(3);
  });

  test("a JWKS with max-age is reused while fresh, as a deployment's HTTP cache does", async () => {
    let keys = [oldKey.publicJwk];
    const { verifier, fetched } = verifierFor(() => keys, "max-age=60");
    await verifier.verify(await token(oldKey));
    // A key added meanwhile isn't seen until the cached set is stale.
    keys = [newKey.publicJwk, oldKey.publicJwk];
    await expect(verifier.verify(await token(newKey))).rejects.toThrow(
      "header is 'new'",
    );
    expect(fetched.count).toBe(1);
  });
});
