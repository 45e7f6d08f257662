import { describe, expect, test } from "vitest";
import {
  makeBackend,
  newUser,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";

function signInFrom(
  t: Backend,
  ip: string,
  body: { email: string; password: string },
) {
  return t.fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: {
      origin: SITE_URL,
      "content-type": "application/json",
      "x-forwarded-for": ip,
    },
    body: JSON.stringify(body),
  });
}

describe("rate limits on the auth endpoints", () => {
  test("a burst of 200 wrong passwords gets 429s and no 500s; another address still signs in", async () => {
    const t = makeBackend();
    const victim = newUser("victim");
    const legit = newUser("legit");
    await signUp(t, victim);
    await signUp(t, legit);

    const burst = await Promise.all(
      Array.from({ length: 200 }, () =>
        signInFrom(t, "203.0.113.7", {
          email: victim.email,
          password: "wrong password!",
        }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(
      190,
    );

    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Try again in \d+ seconds/),
    });

    // Even the right password is refused for the attacked email for now…
    expect((await signInFrom(t, "198.51.100.1", victim)).status).toBe(429);
    // …but another user from another address is not affected.
    expect((await signInFrom(t, "198.51.100.2", legit)).status).toBe(200);
  });

  test("password-reset emails are limited per address", async () => {
    const t = makeBackend();
    const user = newUser();
    await signUp(t, user);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await t.fetch("/api/auth/request-password-reset", {
        method: "POST",
        headers: {
          origin: SITE_URL,
          "content-type": "application/json",
          "x-forwarded-for": `192.0.2.${i}`,
        },
        body: JSON.stringify({
          email: user.email,
          redirectTo: `${SITE_URL}/reset-password`,
        }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});
