/**
 * convex/_generated is the Convex CLI's own output: a real `convex dev
 * --once` (what every user of this template runs) pushed to the local
 * backend leaves it exactly as it is in the tree, which CI checks out as
 * committed. `npm run codegen:check` holds the same for `convex codegen`.
 * So does the locally installed Better Auth component's own `_generated`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runConvexCli } from "../scripts/convexCli";
import { differences, restore, snapshot } from "../scripts/generatedTree";
import { startLocalBackend } from "../scripts/local-backend";

const GENERATED = join("convex", "_generated");
const COMPONENT_GENERATED = join("convex", "betterAuth", "_generated");

test("the real CLI's convex dev --once leaves convex/_generated as committed", async () => {
  const before = snapshot(GENERATED);
  const componentBefore = snapshot(COMPONENT_GENERATED);
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
    const componentChanged = differences(
      componentBefore,
      snapshot(COMPONENT_GENERATED),
    );
    if (componentChanged.length > 0)
      restore(COMPONENT_GENERATED, componentBefore);
    expect(changed).toEqual([]);
    expect(componentChanged, "convex/betterAuth/_generated").toEqual([]);
    // The component's API is typed from its functions, not left empty.
    expect(
      readFileSync(join(COMPONENT_GENERATED, "component.ts"), "utf8"),
    ).toMatch(/adapter: \{\s+create: FunctionReference<\s+"mutation"/);
    // It was a real push: the app's functions are live on the backend.
    expect((await backend.functions()).map((fn) => fn.udfPath)).toContain(
      "users:me",
    );
  } finally {
    await backend.close();
  }
}, 120_000);
