/**
 * The route table (convex/authRoutes.ts) against the live auth instance:
 * every route it serves, plugins included, has an entry; a route marked off
 * answers 404; a route nobody listed is refused; and while an admin views
 * the app as a user, every route but the view's allowlist answers 403
 * IMPERSONATING, whichever transport carries the view's session.
 */
import { betterAuth } from "better-auth/minimal";
import { describe, expect, test } from "vitest";
import { internal } from "../convex/_generated/api";
import { createAuthOptions } from "../convex/auth";
import { AUTH_ROUTES, type RoutePolicy } from "../convex/authRoutes";
import {
  appRowOf,
  authFetch,
  authRows,
  makeBackend,
  mergeCookies,
  newUser,
  signInSession,
  signUp,
  SITE_URL,
  type Backend,
} from "./support/backend";
import { useDevProvider } from "./support/oauth";

// With the dev provider on, so its plugin's routes are enumerated too.
useDevProvider();

type Endpoint = {
  path?: string;
  options?: { method?: string | string[]; metadata?: { SERVER_ONLY?: true } };
};

/** Every route the configured instance serves: path → HTTP methods. */
function liveRoutes(): Map<string, { methods: string[]; serverOnly: boolean }> {
  makeBackend(); // sets the deployment's variables
  const auth = betterAuth(createAuthOptions({} as never));
  const routes = new Map<string, { methods: string[]; serverOnly: boolean }>();
  for (const endpoint of Object.values(auth.api) as Endpoint[]) {
    if (!endpoint.path) continue; // callable from server code only
    const method = endpoint.options?.method ?? "GET";
    routes.set(endpoint.path, {
      methods: Array.isArray(method) ? method : [method],
      serverOnly: Boolean(endpoint.options?.metadata?.SERVER_ONLY),
    });
  }
  return routes;
}

/** A concrete URL path for a declared one (`/callback/:id` → `/callback/dev`). */
function concrete(path: string): string {
  return path.replace(/:providerId|:id/, "dev").replace(/:[a-zA-Z]+/, "x");
}

async function call(
  t: Backend,
  path: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return await t.fetch(`/api/auth${concrete(path)}`, {
    method,
    headers: {
      origin: SITE_URL,
      ...(method === "GET" ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(method === "GET" ? {} : { body: "{}" }),
  });
}

describe("one policy table for every auth route", () => {
  test("every route the instance serves has an entry, and every entry a route", () => {
    const live = liveRoutes();
    const unlisted = [...live.keys()].filter((path) => !AUTH_ROUTES[path]);
    expect(
      unlisted,
      "Routes without an entry in convex/authRoutes.ts: decide on each (docs/how-it-works.md: Adding a Better Auth plugin).",
    ).toEqual([]);
    const stale = Object.keys(AUTH_ROUTES).filter((path) => !live.has(path));
    expect(stale, "Entries for routes the instance no longer serves").toEqual(
      [],
    );
    for (const [path, route] of live) {
      // Better Auth refuses server-only routes over HTTP; the table agrees.
      expect(AUTH_ROUTES[path]!.use === "server", path).toBe(route.serverOnly);
    }
  });

  test("every route marked off answers 404, to every method", async () => {
    const t = makeBackend();
    const session = await signUp(t, newUser());
    const offRoutes = [...liveRoutes()].filter(
      ([path]) => AUTH_ROUTES[path]!.use === "off",
    );
    expect(offRoutes.length).toBeGreaterThan(20);
    for (const [path, { methods }] of offRoutes) {
      for (const method of methods) {
        const response = await call(t, path, method, {
          cookie: session.cookie,
        });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    }
  });

  test("a route nobody listed is refused with 404", async () => {
    const t = makeBackend();
    const response = await t.run(async (ctx) => {
      const options = createAuthOptions(ctx as never);
      const probe = {
        id: "unlisted-probe",
        endpoints: {
          probe: (await import("better-auth/api")).createAuthEndpoint(
            "/unlisted-probe",
            { method: "POST" },
            async (c) => c.json({ reached: true }),
          ),
        },
      };
      const auth = betterAuth({
        ...options,
        plugins: [...options.plugins, probe],
      });
      const answer = await auth.handler(
        new Request(`${process.env.CONVEX_SITE_URL}/api/auth/unlisted-probe`, {
          method: "POST",
          headers: { origin: SITE_URL, "content-type": "application/json" },
          body: "{}",
        }),
      );
      return { status: answer.status, body: await answer.text() };
    });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain("reached");
  });
});

describe("a view as a user is an allowlist, whatever carries its session", () => {
  async function startView() {
    const t = makeBackend();
    const admin = newUser("admin");
    await t.action(internal.adminSetup.createAdminUser, admin);
    const adminCookie = (await signInSession(t, admin)).cookie;
    const user = newUser("viewed");
    await signUp(t, user);
    const target = await appRowOf(t, user.email);
    const response = await authFetch(t, "/admin/impersonate-user", {
      cookie: adminCookie,
      body: { userId: target.authId },
    });
    expect(response.status).toBe(200);
    const { session } = (await response.json()) as {
      session: { token: string };
    };
    const signed = mergeCookies("", response)
      .split("; ")
      .find((pair) => pair.startsWith("better-auth.session_token="))!;
    return { t, user, target, signed, token: session.token };
  }

  test("every route × cookie, cross-domain header and Bearer token", async () => {
    const { t, user, target, signed, token } = await startView();
    const transports: Record<string, Record<string, string>> = {
      cookie: { cookie: signed },
      "cross-domain header": { "better-auth-cookie": signed },
      bearer: { authorization: `Bearer ${token}` },
    };
    const before = {
      user: (await authRows(t, "user")).find((u) => u._id === target.authId),
      accounts: await authRows(t, "account"),
      passkeys: await authRows(t, "passkey"),
    };
    const onRoutes = [...liveRoutes()].filter(([path]) =>
      (["spa", "link"] as RoutePolicy["use"][]).includes(
        AUTH_ROUTES[path]!.use,
      ),
    );
    let refused = 0;
    for (const [path, { methods }] of onRoutes) {
      // Allowed, and they would end the view (tests/impersonation.test.ts).
      if (path === "/sign-out" || path === "/admin/stop-impersonating") {
        continue;
      }
      for (const method of methods) {
        for (const [transport, headers] of Object.entries(transports)) {
          const response = await call(t, path, method, headers);
          const body = (await response
            .clone()
            .json()
            .catch(() => null)) as {
            code?: string;
          } | null;
          const label = `${method} ${path} by ${transport}`;
          if (AUTH_ROUTES[path]!.duringView) {
            expect(body?.code, label).not.toBe("IMPERSONATING");
          } else {
            expect(response.status, label).toBe(403);
            expect(body?.code, label).toBe("IMPERSONATING");
            refused += 1;
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(90);
    // Nothing of the user's changed, and the view is still theirs.
    expect({
      user: (await authRows(t, "user")).find((u) => u._id === target.authId),
      accounts: await authRows(t, "account"),
      passkeys: await authRows(t, "passkey"),
    }).toEqual(before);
    const current = await call(t, "/get-session", "GET", transports.bearer);
    expect(
      ((await current.json()) as { user: { email: string } }).user.email,
    ).toBe(user.email);
  });

  test("the changes found by review stay refused by Bearer: profile, email, passkey", async () => {
    const { t, target, token } = await startView();
    const bearer = { authorization: `Bearer ${token}` };
    for (const [path, body] of [
      ["/update-user", { name: "Changed by a view" }],
      ["/change-email", { newEmail: "attacker@example.com" }],
    ] as const) {
      const response = await t.fetch(`/api/auth${path}`, {
        method: "POST",
        headers: {
          origin: SITE_URL,
          "content-type": "application/json",
          ...bearer,
        },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(403);
    }
    const options = await call(
      t,
      "/passkey/generate-register-options",
      "GET",
      bearer,
    );
    expect(options.status).toBe(403);
    const row = (await authRows(t, "user")).find(
      (u) => u._id === target.authId,
    )!;
    expect(row.name).not.toBe("Changed by a view");
    expect(row.email).not.toBe("attacker@example.com");
  });
});
