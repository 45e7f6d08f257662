import { runConvexCli, type Deployment } from "../../scripts/convexCli";

/**
 * Pushes a project's convex/ folder (this one by default) to `backend` with
 * the real `convex dev --once`, so the backend runs the bundles a deployment
 * would. Codegen and the type check are left to `codegen:check` and
 * `npm run typecheck`. Throws with the CLI's output when the push fails.
 */
export async function pushApp(
  backend: Deployment,
  { projectRoot, workspace }: { projectRoot?: string; workspace: string },
): Promise<void> {
  const result = await runConvexCli(
    backend,
    ["dev", "--once", "--codegen", "disable", "--typecheck", "disable"],
    { projectRoot, workspace: `${workspace}-${process.pid}` },
  );
  if (result.code !== 0)
    throw new Error(
      `convex dev --once failed:\n${result.stdout}${result.stderr}`,
    );
}
