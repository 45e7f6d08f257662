#!/usr/bin/env node
/**
 * Regenerates convex/_generated without a deployment.
 *
 * `convex codegen --system-udfs` works offline but leaves out the `components`
 * export, which a real `convex dev` derives from convex/convex.config.ts. We add
 * it back from the `app.use(...)` calls in that file, in the same shape.
 *
 *   npm run codegen          write convex/_generated
 *   npm run codegen:check    fail if the committed files are stale
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const generatedDir = join("convex", "_generated");
const check = process.argv.includes("--check");

function snapshot() {
  const files = new Map();
  try {
    for (const name of readdirSync(generatedDir)) {
      files.set(name, readFileSync(join(generatedDir, name), "utf8"));
    }
  } catch {
    // No _generated yet.
  }
  return files;
}

/** [{ name, pkg }] for each `app.use(x)` in convex.config.ts. */
function componentsFromConfig() {
  const source = readFileSync(join("convex", "convex.config.ts"), "utf8");
  const imports = new Map(
    [
      ...source.matchAll(
        /import\s+(\w+)\s+from\s+["']([^"']+)\/convex\.config(?:\.js)?["']/g,
      ),
    ].map(([, local, pkg]) => [local, pkg]),
  );
  return [
    ...source.matchAll(
      /app\.use\(\s*(\w+)\s*(?:,\s*\{\s*name:\s*["']([^"']+)["']\s*\})?\s*\)/g,
    ),
  ].map(([, local, explicitName]) => {
    const pkg = imports.get(local);
    if (!pkg)
      throw new Error(`codegen: no package import found for app.use(${local})`);
    return { name: explicitName ?? local, pkg };
  });
}

function addComponents(components) {
  const jsPath = join(generatedDir, "api.js");
  let js = readFileSync(jsPath, "utf8");
  js = js.replace(
    'import { anyApi } from "convex/server";',
    'import { anyApi, componentsGeneric } from "convex/server";',
  );
  js += "export const components = componentsGeneric();\n";
  writeFileSync(jsPath, js);

  const dtsPath = join(generatedDir, "api.d.ts");
  const entries = components
    .map(
      ({ name, pkg }) =>
        `  ${name}: import("${pkg}/_generated/component.js").ComponentApi<"${name}">;`,
    )
    .join("\n");
  writeFileSync(
    dtsPath,
    `${readFileSync(dtsPath, "utf8")}\nexport declare const components: {\n${entries}\n};\n`,
  );
}

const before = snapshot();
execFileSync(
  "npx",
  ["convex", "codegen", "--system-udfs", "--typecheck", "disable"],
  { stdio: ["ignore", "ignore", "inherit"] },
);
addComponents(componentsFromConfig());
const after = snapshot();

const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
  (name) => before.get(name) !== after.get(name),
);
if (check) {
  // Put the committed files back: --check never modifies the tree.
  for (const [name, content] of before)
    writeFileSync(join(generatedDir, name), content);
  if (changed.length > 0) {
    console.error(
      `convex/_generated is stale (${changed.join(", ")}). Run \`npm run codegen\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log("convex/_generated is up to date.");
} else {
  console.log(
    changed.length ? `Updated ${changed.join(", ")}.` : "No changes.",
  );
}
