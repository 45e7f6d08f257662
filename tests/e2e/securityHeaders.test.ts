/**
 * The built app as the browser tests serve it (dist/_headers applied by the
 * preview server, as Netlify and Cloudflare Pages apply it): every response
 * carries the security headers, and a page on another origin can't show the
 * app in a frame (clickjacking), signed out or signed in.
 */
import { createServer, type Server } from "node:http";
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import {
  freePort,
  newUser,
  signUpInBrowser,
  type TestApp,
} from "./support/app";
import { useTestApp } from "./support/journey";

const { journey } = useTestApp();

/**
 * The attacker's page: frames whatever `?frame=` names, on its own port, so
 * on another origin than the app. Reached as `127.0.0.1` it is the same site
 * as the app (a sibling subdomain, say); as `localhost`, another site.
 */
let attacker: Server;
let attackerPort: number;
beforeAll(async () => {
  attackerPort = await freePort();
  attacker = createServer((request, response) => {
    const target = new URL(request.url ?? "/", "http://attacker").searchParams
      .get("frame")
      ?.replaceAll("&", "&amp;")
      .replaceAll('"', "&quot;");
    if (!target) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/html" });
    response.end(
      `<!doctype html><title>Win a prize</title><button>Click here</button>` +
        `<iframe src="${target}" onload="document.body.dataset.framed = 'loaded'"></iframe>`,
    );
  });
  await new Promise<void>((resolve) =>
    attacker.listen(attackerPort, "127.0.0.1", resolve),
  );
});
afterAll(
  async () =>
    await new Promise<void>((resolve) => attacker.close(() => resolve())),
);

/**
 * Opens the attacker's page framing `target` and waits for the frame's load
 * event, which fires for the app and for the error page alike.
 */
async function frameFromAttacker(page: Page, host: string, target: string) {
  await page.goto(
    `http://${host}:${attackerPort}/?frame=${encodeURIComponent(target)}`,
  );
  await page.waitForFunction(() => document.body.dataset.framed === "loaded");
  const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame());
  if (!frame) throw new Error("The attacker's page has no frame.");
  return frame;
}

/**
 * The frame never became the app: Chromium's error page instead of a
 * document from the app's origin, no app markup, and the console names the
 * header's `frame-ancestors` as the reason.
 */
async function expectBlocked(
  app: TestApp,
  page: Page,
  host: string,
  path: string,
) {
  const messages: string[] = [];
  const listen = (message: ConsoleMessage) => messages.push(message.text());
  page.on("console", listen);
  try {
    const frame = await frameFromAttacker(page, host, `${app.url}${path}`);
    expect(frame.url(), path).toMatch(/^(about:blank|chrome-error:)/);
    expect(await frame.locator("#root").count(), path).toBe(0);
    expect(await frame.getByRole("heading").count(), path).toBe(0);
    await expect
      .poll(() => `${path}: ${messages.join("\n")}`)
      .toContain(
        `violates the following Content Security Policy directive: "frame-ancestors 'none'"`,
      );
  } finally {
    page.off("console", listen);
  }
}

/** The header names and values every response of the built app must carry. */
function expectSecurityHeaders(response: Response, metaPolicy: string) {
  const path = new URL(response.url).pathname;
  expect(response.headers.get("x-frame-options"), path).toBe("DENY");
  expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), path).toBe("same-origin");
  // The meta tag's policy, plus what only a header can carry.
  expect(response.headers.get("content-security-policy"), path).toBe(
    `${metaPolicy}; frame-ancestors 'none'`,
  );
}

describe("the served app's security headers", () => {
  journey(
    "every page, the SPA fallback and the assets carry them; assets stay cached for good",
    async ({ app }) => {
      const index = await fetch(`${app.url}/`);
      const html = await index.text();
      const metaPolicy = html
        .match(
          /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/,
        )?.[1]
        ?.replaceAll("&#39;", "'");
      expect(metaPolicy).toContain("script-src 'self'");
      // A meta policy can't forbid framing: browsers ignore frame-ancestors there.
      expect(metaPolicy).not.toContain("frame-ancestors");
      expectSecurityHeaders(index, metaPolicy!);

      const script = html.match(
        /<script[^>]* src="(\/assets\/[^"]+\.js)"/,
      )?.[1];
      expect(script).toBeDefined();
      for (const path of [
        "/sign-in",
        "/settings",
        "/admin?page=2",
        "/no-such-page",
        "/favicon.svg",
        script!,
      ]) {
        const response = await fetch(`${app.url}${path}`);
        expect(response.status, path).toBe(200);
        expectSecurityHeaders(response, metaPolicy!);
      }
      const asset = await fetch(`${app.url}${script}`);
      expect(asset.headers.get("cache-control")).toBe(
        "public, max-age=31536000, immutable",
      );
      expect(asset.headers.get("content-type")).toMatch(/javascript/);
      expect(index.headers.get("cache-control")).not.toContain("immutable");
    },
  );
});

describe("framing by another origin (clickjacking)", () => {
  journey(
    "another site can't frame the sign-in page or /settings",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      for (const path of ["/sign-in", "/settings", "/"])
        await expectBlocked(app, page, "localhost", path);
    },
  );

  journey(
    "a signed-in user's /settings can't be framed by another origin of the same site",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      await signUpInBrowser(app, page, newUser("framed"));
      // At the top level the same browser sees its settings...
      await page.goto("/settings");
      await page.getByRole("heading", { name: "Account settings" }).waitFor();
      // ...but framed, the app never loads.
      for (const path of ["/settings", "/sign-in", "/admin"])
        await expectBlocked(app, page, "127.0.0.1", path);
    },
  );
});

describe("the policy lets the app's own styles through", () => {
  journey(
    "a toast is styled, and no page logs a Content Security Policy violation",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      const violations: string[] = [];
      page.on("console", (message) => {
        if (message.text().includes("Content Security Policy"))
          violations.push(message.text());
      });
      await signUpInBrowser(app, page, newUser("styled"));
      // Creating an organization says so in a toast (sonner inserts its
      // styles at run time: allowed by their hash, scripts/csp.ts).
      await page.goto("/team");
      await page.getByLabel("Name").fill("Styled Co");
      await page.getByRole("button", { name: "Create organization" }).click();
      const toast = page.locator("[data-sonner-toast]");
      await toast.waitFor();
      expect(await toast.textContent()).toContain("Created Styled Co");
      // Unstyled, a toast is a list item in the page's flow.
      expect(
        await page
          .locator("[data-sonner-toaster]")
          .evaluate((element) => getComputedStyle(element).position),
      ).toBe("fixed");
      expect(violations).toEqual([]);
    },
  );
});
