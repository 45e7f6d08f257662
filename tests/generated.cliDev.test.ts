/**
 * convex/_generated is the Convex CLI's own output: a real `convex dev
 * --once` (what every user of this template runs) pushed to the local
 * backend leaves it exactly as it is in the tree, which CI checks out as
 * committed. `npm run codegen:check` holds the same for `convex codegen`.
 */
import { join } from "node:path";
import { expect, test } from "vitest";
import { runConvexCli } from "../scripts/convexCli";
import { differences, restore, snapshot } from "../scripts/generatedTree";
import { startLocalBackend } from "../scripts/local-backend/server";

const GENERATED = join("convex", "_generated");

test("the real CLI's convex dev --once leaves convex/_generated as committed", async () => {
  const before = snapshot(GENERATED);
  const backend = await startLocalBackend({ echoLogs: false });
  try {
    const result = await runConvexCli(
      backend,
      ["dev", "--once", "--typecheck", "disable"],
      { workspace: `generated-${process.pid}` },
    );
    expect(result.code, result.stderr).toBe(0);
    const changed = differences(before, snapshot(GENERATED));
    if (changed.length > 0) restore(GENERATED, before);
    expect(changed).toEqual([]);
    // It was a real push: the app's functions are live on the backend.
    expect(
      (await backend.runtime.listFunctions()).map((fn) => fn.udfPath),
    ).toContain("users:me");
  } finally {
    await backend.close();
  }
}, 120_000);
