/** Which versions of the packages that matter each app runs (printed with the results). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Packages whose versions could explain a difference between the two apps. */
export const COMPARED_PACKAGES = [
  "react",
  "react-dom",
  "convex",
  "better-auth",
  "@convex-dev/better-auth",
  "vite",
];

/** The version installed in `projectRoot`'s node_modules; throws if absent. */
export function installedVersion(projectRoot: string, name: string): string {
  const manifest = join(projectRoot, "node_modules", name, "package.json");
  if (!existsSync(manifest))
    throw new Error(`${name} is not installed in ${projectRoot}`);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string })
    .version;
}

export function comparedVersions(projectRoot: string): Record<string, string> {
  return Object.fromEntries(
    COMPARED_PACKAGES.map((name) => [
      name,
      installedVersion(projectRoot, name),
    ]),
  );
}
