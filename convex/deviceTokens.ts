/**
 * Device tokens (OWASP's "device cookies" against online guessing): a
 * browser that has signed in to an account holds a token signed for that
 * address. The rate limits (convex/rateLimits.ts) then tell its owner from
 * a stranger: requests with a valid token for the address they are about
 * use a small bucket of their own, so a flood of guesses or emails against
 * the address, or against everyone, doesn't lock its owner out.
 *
 * The SPA keeps the tokens in its own storage (they must outlive sign-out,
 * which clears the cross-domain plugin's) and sends them in a header:
 * src/lib/deviceTokens.ts.
 */
import type { GenericEndpointContext } from "@better-auth/core";
import {
  constantTimeEqual,
  generateRandomString,
  makeSignature,
} from "better-auth/crypto";
import { normalizeEmail } from "./validation";

/** Request header: the tokens this browser holds, comma-separated. */
export const DEVICE_TOKENS_HEADER = "x-device-tokens";
/** Response header: a token for the account just signed in. */
export const SET_DEVICE_TOKEN_HEADER = "x-set-device-token";
/** A browser holds tokens for at most this many accounts. */
export const MAX_DEVICE_TOKENS = 5;

async function signatureFor(secret: string, deviceId: string, email: string) {
  return await makeSignature(
    `device:${deviceId}:${normalizeEmail(email)}`,
    secret,
  );
}

/** A new token for this browser and address: `<device id>.<signature>`. */
export async function deviceTokenFor(
  secret: string,
  email: string,
): Promise<string> {
  const deviceId = generateRandomString(16);
  return `${deviceId}.${await signatureFor(secret, deviceId, email)}`;
}

/**
 * The device id of a valid token for `email` among those the request
 * carries, or undefined: a stranger's request, as far as limits go.
 */
export async function trustedDevice(
  headers: Headers | undefined,
  secret: string,
  email: string | undefined,
): Promise<string | undefined> {
  if (!email) return undefined;
  const tokens = (headers?.get(DEVICE_TOKENS_HEADER) ?? "")
    .split(",")
    .slice(0, MAX_DEVICE_TOKENS);
  for (const token of tokens) {
    const [deviceId, signature] = token.trim().split(".");
    if (!deviceId || !signature || deviceId.length > 32) continue;
    const expected = await signatureFor(secret, deviceId, email);
    if (constantTimeEqual(signature, expected)) return deviceId;
  }
  return undefined;
}

/**
 * After any request that started a session (password, magic link, passkey,
 * social, verification link): hands the browser a token for that address.
 */
export async function issueDeviceToken(
  request: GenericEndpointContext,
): Promise<void> {
  const email = request.context.newSession?.user.email;
  if (!request.request || !email) return;
  request.setHeader(
    SET_DEVICE_TOKEN_HEADER,
    await deviceTokenFor(request.context.secret, email),
  );
}
