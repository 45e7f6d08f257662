#!/usr/bin/env node
/**
 * `npm run bench:bundle`: builds the SPA and prints what a first visit
 * downloads (the entry script, its modulepreloads and stylesheets), raw and
 * gzipped, plus the lazy chunks, each named. Fails when the initial JS or CSS is over
 * budget.
 *
 * 1 kB here is 1,000 bytes.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

const BUDGET_KB = { js: 135, css: 10 };
const dist = "dist";

// The build needs the deployment URLs; any well-formed ones do for sizing.
process.env.VITE_CONVEX_URL ??= "https://example-123.convex.cloud";
process.env.VITE_CONVEX_SITE_URL ??= "https://example-123.convex.site";
await build({ logLevel: "warn" });

const html = readFileSync(join(dist, "index.html"), "utf8");
const referenced = (pattern) =>
  [...html.matchAll(pattern)].map((match) => match[1].replace(/^\//, ""));
const initialJs = new Set([
  ...referenced(/<script[^>]+src="([^"]+\.js)"/g),
  ...referenced(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
]);
const initialCss = new Set(
  referenced(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
);
const allJs = readdirSync(join(dist, "assets"))
  .filter((name) => name.endsWith(".js"))
  .map((name) => `assets/${name}`);
const lazyJs = allJs.filter((file) => !initialJs.has(file));

function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const rows = [
  ["initial JS", initialJs.size, measure(initialJs)],
  ["initial CSS", initialCss.size, measure(initialCss)],
  ["lazy JS chunks", lazyJs.length, measure(lazyJs)],
];
console.log("\n                   files        raw    gzipped");
for (const [label, count, { raw, gzip }] of rows) {
  console.log(
    `${label.padEnd(18)} ${String(count).padStart(5)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)}`,
  );
}
// Each lazy chunk, largest first: the auth client (src/lib/lazyAuthClient.ts)
// loads after the first render, the pages when the router needs them.
for (const file of lazyJs.sort((a, b) => measure([b]).gzip - measure([a]).gzip))
  console.log(`  ${file.padEnd(34)} ${kb(measure([file]).gzip).padStart(10)}`);
let over = false;
for (const [label, { gzip }, budget] of [
  ["Initial JS", rows[0][2], BUDGET_KB.js],
  ["Initial CSS", rows[1][2], BUDGET_KB.css],
]) {
  console.log(
    `${label}: ${kb(gzip)} gzipped (${gzip} bytes), budget ${budget} kB.`,
  );
  if (gzip > budget * 1000) over = true;
}
if (over) {
  console.error("Over budget: lazy-load more pages or drop a dependency.");
  process.exit(1);
}
