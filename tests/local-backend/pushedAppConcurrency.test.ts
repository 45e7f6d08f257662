/**
 * The app as the CLI pushes it, under concurrent requests. A deployment runs
 * each request in an isolate of its own, and the bundles built for it rely
 * on that: Better Auth keeps its request state in a global when the runtime
 * has no AsyncLocalStorage. The local backend runs them side by side in one
 * process, so it must keep them apart the same way.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  startLocalBackend,
  type LocalBackend,
} from "../../scripts/local-backend";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api";
import { convexTokenFor, signUpVerified } from "../support/localBackendAuth";
import { pushApp } from "../support/pushApp";

const SITE = "http://127.0.0.1:5998";
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ siteUrl: SITE, echoLogs: false });
  await pushApp(backend, { workspace: "concurrency" });
}, 120_000);
afterAll(async () => await backend?.close());

test("30 overlapping session, token and data requests on the pushed app each get their own answer", async () => {
  const users = await Promise.all(
    [1, 2, 3].map(async (n) => {
      const user = {
        email: `overlap${n}-${Date.now()}@example.com`,
        password: "correct horse battery",
        name: `Overlap ${n}`,
      };
      const cookie = await signUpVerified(backend, SITE, user);
      const convex = new ConvexHttpClient(backend.cloudUrl);
      convex.setAuth(await convexTokenFor(backend, SITE, cookie));
      return { ...user, cookie, convex };
    }),
  );
  // What the SPA does on load: the session, the Convex token and the
  // user's data (whose query asks Better Auth for the session) at once.
  const answers = await Promise.all(
    Array.from({ length: 30 }, async (_, i) => {
      const user = users[i % users.length]!;
      const headers = { cookie: user.cookie, origin: SITE };
      const [session, token, me] = await Promise.all([
        fetch(`${backend.siteUrl}/api/auth/get-session`, { headers }),
        fetch(`${backend.siteUrl}/api/auth/convex/token`, { headers }),
        user.convex.query(api.users.me, {}),
      ]);
      const body = (await session.json()) as { user?: { email: string } };
      return {
        statuses: [session.status, token.status],
        email: body?.user?.email,
        meEmail: me?.email,
        expected: user.email,
      };
    }),
  );
  for (const answer of answers) {
    expect(answer.statuses).toEqual([200, 200]);
    expect(answer.email).toBe(answer.expected);
    expect(answer.meEmail).toBe(answer.expected);
  }
}, 120_000);
