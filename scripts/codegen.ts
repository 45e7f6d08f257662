/**
 * `npm run codegen`: convex/_generated written by the real Convex CLI, the
 * same files a `npx convex dev` writes. The CLI's codegen needs a deployment
 * to analyze the components, so this starts an empty local backend for the
 * length of one `convex codegen` (nothing is pushed or kept).
 *
 * `npm run codegen:check` (`--check`) fails on any difference in any file or
 * folder under any `_generated` folder in convex/ (the app's and each local
 * component's), and always puts them back as they were.
 */
import { runConvexCli } from "./convexCli";
import {
  differences,
  restoreGenerated,
  snapshotGenerated,
} from "./generatedTree";
import { startLocalBackend } from "./local-backend";

const CONVEX = "convex";

const check = process.argv.includes("--check");
const before = snapshotGenerated(CONVEX);
const backend = await startLocalBackend({ echoLogs: false });
let result;
try {
  result = await runConvexCli(backend, ["codegen", "--typecheck", "disable"], {
    workspace: "codegen",
  });
} finally {
  await backend.close();
}
const after = snapshotGenerated(CONVEX);
const changed = differences(before, after);
if (check) restoreGenerated(CONVEX, before);

if (result.code !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  console.error("`convex codegen` failed.");
  process.exit(1);
}
if (check) {
  if (changed.length > 0) {
    console.error(
      `Generated code in convex/ is stale (${changed.join(", ")}). Run \`npm run codegen\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log("Generated code in convex/ is up to date.");
} else {
  console.log(
    changed.length ? `Updated ${changed.join(", ")}.` : "No changes.",
  );
}
// The CLI's helpers may leave handles open; the work is done.
process.exit(0);
