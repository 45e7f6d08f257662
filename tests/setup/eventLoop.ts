/**
 * Fails a test file that kept Node's event loop from turning for
 * MAX_BLOCK_MS. Past 60 s, Vitest's worker misses the answer to its own
 * progress report and fails the whole run ("Timeout calling onTaskUpdate"),
 * but only when a report happened to be in flight: this makes the hazard
 * fail every time, with the cure in the message. Measured on the real clock:
 * tests may replace the global timers and clocks with fake ones later.
 */
import { afterAll, beforeAll, expect } from "vitest";

const MAX_BLOCK_MS = 45_000;
const realClock = process.hrtime.bigint.bind(process.hrtime);
const realNow = () => Number(realClock() / 1_000_000n);
const realSetInterval = setInterval;
const realClearInterval = clearInterval;

let lastTurn = 0;
let longestBlock = 0;
let watch: ReturnType<typeof setInterval> | undefined;

function noteTurn() {
  const now = realNow();
  longestBlock = Math.max(longestBlock, now - lastTurn);
  lastTurn = now;
}

beforeAll(() => {
  lastTurn = realNow();
  watch = realSetInterval(noteTurn, 100);
});

afterAll(() => {
  realClearInterval(watch);
  noteTurn();
  expect(
    longestBlock,
    "this file kept the event loop from turning for too long: await a turn between long runs of convex-test calls (withLoopTurns in tests/support/backend.ts) and don't spawnSync slow commands",
  ).toBeLessThan(MAX_BLOCK_MS);
});
