/**
 * A folder tree as data (every file's bytes, every folder), to tell whether
 * a generator changed anything under it and to put it back as it was.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
/** Every file under `dir` (relative path → content), folders included as "". */
export function snapshot(dir: string, prefix = ""): Map<string, Buffer | null> {
  const files = new Map<string, Buffer | null>();
  let entries: string[];
  try {
    entries = readdirSync(join(dir, prefix));
  } catch {
    return files; // No _generated yet.
  }
  for (const name of entries) {
    const path = join(prefix, name);
    if (statSync(join(dir, path)).isDirectory()) {
      files.set(`${path}/`, null);
      for (const [child, content] of snapshot(dir, path))
        files.set(child, content);
    } else {
      files.set(path, readFileSync(join(dir, path)));
    }
  }
  return files;
}

export function restore(
  dir: string,
  files: Map<string, Buffer | null>,
  { clear = true }: { clear?: boolean } = {},
): void {
  if (clear) rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of files) {
    if (content === null) {
      mkdirSync(join(dir, path), { recursive: true });
    } else {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
}

export function differences(
  before: Map<string, Buffer | null>,
  after: Map<string, Buffer | null>,
): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((path) => {
      const [a, b] = [before.get(path), after.get(path)];
      if (a === undefined || b === undefined) return true;
      return a === null || b === null ? a !== b : !a.equals(b);
    })
    .sort();
}

/** Every folder named `_generated` under `root` (the app's and each local component's). */
export function generatedFolders(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === "node_modules") continue;
    const path = join(root, entry.name);
    if (entry.name === "_generated") found.push(path);
    else found.push(...generatedFolders(path));
  }
  return found;
}

/** All `_generated` folders under `root` as one snapshot, keyed by path from `root`. */
export function snapshotGenerated(root: string): Map<string, Buffer | null> {
  const files = new Map<string, Buffer | null>();
  for (const folder of generatedFolders(root)) {
    const prefix = relative(root, folder);
    files.set(`${prefix}/`, null);
    for (const [path, content] of snapshot(folder))
      files.set(join(prefix, path), content);
  }
  return files;
}

/** Puts every `_generated` folder under `root` back as `files` had them. */
export function restoreGenerated(
  root: string,
  files: Map<string, Buffer | null>,
): void {
  for (const folder of generatedFolders(root))
    rmSync(folder, { recursive: true, force: true });
  restore(root, files, { clear: false });
}
