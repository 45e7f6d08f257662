/**
 * What the browser benchmarks share (`npm run bench:auth`,
 * `npm run bench:vs-example`): medians, and Chromium's network emulation
 * for the "added latency" variants.
 */
import type { BrowserContext, Page } from "playwright-core";

/** The upper median (the middle value; of an even count, the higher one). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export type EmulatedLatency = {
  /** Back to loopback speed for this page. */
  stop(): Promise<void>;
};

/**
 * Adds `latencyMs` to every HTTP request of `page` (Chromium's network
 * emulation, as DevTools' throttling does). A WebSocket's opening handshake
 * is an HTTP request and is delayed; its frames are not.
 */
export async function emulateLatency(
  context: BrowserContext,
  page: Page,
  latencyMs: number,
): Promise<EmulatedLatency> {
  const cdp = await context.newCDPSession(page);
  const conditions = (latency: number) => ({
    offline: false,
    latency,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", conditions(latencyMs));
  return {
    async stop() {
      await cdp.send("Network.emulateNetworkConditions", conditions(0));
      await cdp.detach();
    },
  };
}
