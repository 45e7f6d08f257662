/** Two-factor set-up as the SPA's Settings does it, for tests. */
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { expect } from "vitest";
import { authFetch, mergeCookies, PASSWORD, type Backend } from "./backend";

/** Turns two-factor on; returns the session's cookies afterwards. */
export async function enableTwoFactor(
  t: Backend,
  cookie: string,
): Promise<string> {
  const enable = await authFetch(t, "/two-factor/enable", {
    cookie,
    body: { password: PASSWORD },
  });
  const { totpURI } = (await enable.json()) as { totpURI: string };
  const secret = new TextDecoder().decode(
    base32.decode(new URL(totpURI).searchParams.get("secret")!),
  );
  const pending = mergeCookies(cookie, enable);
  const confirm = await authFetch(t, "/two-factor/verify-totp", {
    cookie: pending,
    body: { code: await createOTP(secret).totp() },
  });
  expect(confirm.status).toBe(200);
  return mergeCookies(pending, confirm);
}
