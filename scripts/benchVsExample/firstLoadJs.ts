/**
 * First-load JavaScript: every script the browser fetched from the app's
 * origin for a signed-in reload (until the page went idle: lazy chunks
 * included), weighed as the built files gzipped at level 9, as
 * `npm run bench:bundle` weighs them. Also the scripts index.html names
 * (entry and modulepreloads), bench:bundle's "initial JS". 1 kB = 1,000 bytes.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Request } from "playwright-core";
import type { AppSession } from "./journeys";
import { settle } from "./journeys";
import { timingsOnceShown } from "./probe";

export type ScriptWeight = {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
};

export type FirstLoadJs = {
  /** Fetched for a signed-in reload. */
  fetched: ScriptWeight;
  /** Named by index.html. */
  initial: ScriptWeight;
};

function weigh(distDir: string, files: string[]): ScriptWeight {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const path = join(distDir, file);
    if (!existsSync(path)) throw new Error(`${file} is not in ${distDir}`);
    const bytes = readFileSync(path);
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: [...files].sort(), rawBytes, gzipBytes };
}

function initialScripts(distDir: string): string[] {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const referenced = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((match) => match[1]!.replace(/^\//, ""));
  return [
    ...new Set([
      ...referenced(/<script[^>]+src="([^"]+\.js)"/g),
      ...referenced(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ]),
  ];
}

export async function firstLoadJs({
  page,
  served,
}: AppSession): Promise<FirstLoadJs> {
  const origin = new URL(served.url).origin;
  const fetched = new Set<string>();
  const track = (url: string) => {
    const parsed = new URL(url);
    if (parsed.origin === origin && parsed.pathname.endsWith(".js"))
      fetched.add(decodeURIComponent(parsed.pathname.slice(1)));
  };
  const onRequest = (request: Request) => track(request.url());
  // Requests, and resource timing for whatever a cache served unseen.
  page.on("request", onRequest);
  try {
    await page.reload();
    await timingsOnceShown(page);
    await settle(page);
    const resources = await page.evaluate(() =>
      performance.getEntriesByType("resource").map((entry) => entry.name),
    );
    resources.forEach(track);
  } finally {
    page.off("request", onRequest);
  }
  return {
    fetched: weigh(served.distDir, [...fetched]),
    initial: weigh(served.distDir, initialScripts(served.distDir)),
  };
}
