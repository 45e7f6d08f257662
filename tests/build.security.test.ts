/**
 * The production build of the SPA: no backend secret reaches it, and it
 * carries a Content-Security-Policy that forbids inline scripts and only
 * allows connections to the Convex deployment it was built for, in a <meta>
 * tag and in the `_headers` file written beside it with the other security
 * headers (scripts/csp.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  contentSecurityPolicy,
  formatHeadersFile,
  headerRules,
  headersForPath,
  parseHeadersFile,
} from "../scripts/csp";

const CONVEX = {
  VITE_CONVEX_URL: "https://happy-otter-123.convex.cloud",
  VITE_CONVEX_SITE_URL: "https://happy-otter-123.convex.site",
};

const SECRETS = {
  BETTER_AUTH_SECRET: "9f1c2e7a-build-test-secret-value-0123456789abcdef",
  RESEND_API_KEY: "re_buildTest_1234567890abcdef",
  GITHUB_CLIENT_SECRET: "ghsecret-build-test-abcdef123456",
  GOOGLE_CLIENT_SECRET: "GOCSPX-build-test-abcdef123456",
  DEV_OAUTH_CLIENT_SECRET: "devoauth-build-test-abcdef123456",
};

let outDir: string;
let files: Map<string, string>;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "spa-build-"));
  Object.assign(process.env, SECRETS, CONVEX);
  await build({ logLevel: "error", build: { outDir, emptyOutDir: true } });
  files = new Map();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(path, "utf8"));
    }
  };
  walk(outDir);
}, 120_000);

afterAll(() => {
  for (const name of Object.keys({ ...SECRETS, ...CONVEX }))
    delete process.env[name];
  rmSync(outDir, { recursive: true, force: true });
});

describe("the built SPA", () => {
  test("contains no backend secret, by name or by value, and no API-key-shaped string", () => {
    expect(files.size).toBeGreaterThan(2);
    for (const [path, text] of files) {
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(text, path).not.toContain(name);
        expect(text, path).not.toContain(value);
      }
      expect(text, path).not.toMatch(/\b(sk|re)_[A-Za-z0-9]{16,}/);
    }
  });

  test("has a CSP that blocks inline scripts and limits connections to the Convex URLs", () => {
    const html = files.get(join(outDir, "index.html"))!;
    // Attribute values are HTML-escaped; the browser reads them unescaped.
    const csp = html
      .match(
        /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/,
      )?.[1]
      ?.replaceAll("&#39;", "'");
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(
      csp!
        .split("; ")
        .map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const),
    );
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["connect-src"]!.sort()).toEqual(
      [
        "'self'",
        "https://happy-otter-123.convex.cloud",
        "wss://happy-otter-123.convex.cloud",
        "https://happy-otter-123.convex.site",
        "wss://happy-otter-123.convex.site",
      ].sort(),
    );
    // Nothing for the policy to block: every script is an external file.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  test("writes _headers from scripts/csp.ts: the meta policy plus frame-ancestors, no framing, no sniffing, no Referer to other sites; assets cached for good", () => {
    const text = files.get(join(outDir, "_headers"));
    expect(text).toBe(formatHeadersFile(headerRules(CONVEX)));
    const rules = parseHeadersFile(text!);
    expect(rules).toEqual(headerRules(CONVEX));
    const html = files.get(join(outDir, "index.html"))!;
    const meta = html
      .match(
        /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/,
      )![1]!
      .replaceAll("&#39;", "'");
    expect(meta).toBe(contentSecurityPolicy(CONVEX));
    for (const path of ["/", "/settings", "/admin", "/assets/index-abc.js"])
      expect(headersForPath(rules, path), path).toMatchObject({
        "Content-Security-Policy": `${meta}; frame-ancestors 'none'`,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
      });
    expect(headersForPath(rules, "/assets/index-abc.js")).toMatchObject({
      "Cache-Control": "public, max-age=31536000, immutable",
    });
    expect(headersForPath(rules, "/settings")).not.toHaveProperty(
      "Cache-Control",
    );
  });

  test("renders user text as text: no dangerouslySetInnerHTML anywhere in src/", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? walk(join(dir, entry.name))
          : [join(dir, entry.name)],
      );
    for (const path of walk("src")) {
      expect(readFileSync(path, "utf8"), path).not.toContain(
        "dangerouslySetInnerHTML",
      );
    }
  });
});
