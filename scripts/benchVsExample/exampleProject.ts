/**
 * The component's official React example (`examples/react` of
 * get-convex/better-auth), at the tag of the component version this app
 * uses, prepared to run on its own: its `file:` links to the component
 * repository replaced by the exact versions this app has installed, and
 * its dependencies installed by npm from its own package-lock.json.
 *
 * Taken from `EXAMPLE_DIR` (a checkout of examples/react) when set, else
 * downloaded from GitHub. Kept in node_modules/.cache/bench-vs-example/, so
 * a second run installs nothing.
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { installedVersion } from "./versions";

const COMPONENT = "@convex-dev/better-auth";
const CACHE_ROOT = resolve("node_modules/.cache/bench-vs-example");
/** Written last: a folder without it is a preparation that didn't finish. */
const STAMP = ".bench-prepared.json";
/** Not part of the example's source: never copied from EXAMPLE_DIR. */
const LOCAL_ONLY = new Set(["node_modules", "dist", ".env.local", STAMP]);

export type ExampleProject = {
  dir: string;
  componentVersion: string;
  /** Where its source came from. */
  source: string;
  /** Each `file:` dependency and the version it was pinned to. */
  pinned: Record<string, string>;
  /** False when this run found it prepared already. */
  installedNow: boolean;
};

type Manifest = {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

export async function prepareExample(): Promise<ExampleProject> {
  const componentVersion = installedVersion(".", COMPONENT);
  const dir = join(CACHE_ROOT, `examples-react-v${componentVersion}`);
  const exampleDir = process.env.EXAMPLE_DIR;
  const source = exampleDir
    ? `EXAMPLE_DIR=${resolve(exampleDir)}`
    : tarballUrl(componentVersion);
  const stampFile = join(dir, STAMP);
  if (existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8")) as Omit<
      ExampleProject,
      "installedNow"
    >;
    if (stamp.source === source && stampMatchesThisApp(stamp.pinned))
      return { ...stamp, installedNow: false };
  }

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (exampleDir) copySource(resolve(exampleDir), dir);
  else await download(componentVersion, dir);
  const pinned = pinLinkedDependencies(dir);
  console.log(`Installing the example's dependencies in ${dir} …`);
  await npmInstall(dir);
  const prepared = { dir, componentVersion, source, pinned };
  writeFileSync(stampFile, `${JSON.stringify(prepared, null, 2)}\n`);
  return { ...prepared, installedNow: true };
}

/** The pins still name what this app has installed (else: prepare again). */
function stampMatchesThisApp(pinned: Record<string, string>): boolean {
  return Object.entries(pinned).every(
    ([name, version]) => installedVersion(".", name) === version,
  );
}

function tarballUrl(version: string): string {
  return `https://codeload.github.com/get-convex/better-auth/tar.gz/refs/tags/v${version}`;
}

function copySource(from: string, to: string): void {
  if (!existsSync(join(from, "package.json")))
    throw new Error(`EXAMPLE_DIR=${from} has no package.json.`);
  cpSync(from, to, {
    recursive: true,
    filter: (path) => path === from || !LOCAL_ONLY.has(basename(path)),
  });
}

/** The tag's tarball, unpacked by the system's `tar`; only examples/react kept. */
async function download(version: string, to: string): Promise<void> {
  const url = tarballUrl(version);
  console.log(`Downloading ${url} …`);
  const response = await fetch(url);
  if (!response.ok || !response.body)
    throw new Error(`${url}: HTTP ${response.status}`);
  const unpacked = mkdtempSync(join(tmpdir(), "better-auth-"));
  try {
    const tar = spawn("tar", ["-xzf", "-", "-C", unpacked], {
      stdio: ["pipe", "inherit", "inherit"],
    });
    const exited = new Promise<number | null>((done) => tar.on("close", done));
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream),
      tar.stdin,
    );
    if ((await exited) !== 0) throw new Error(`tar could not unpack ${url}`);
    // GitHub names the one top folder `<repository>-<version>`.
    const [top] = readdirSync(unpacked);
    copySource(join(unpacked, top!, "examples", "react"), to);
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}

/**
 * `file:../..` and the like point into the component's repository; each
 * becomes the exact version of that package this app has installed.
 */
function pinLinkedDependencies(dir: string): Record<string, string> {
  const file = join(dir, "package.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  const pinned: Record<string, string> = {};
  for (const deps of [manifest.dependencies, manifest.devDependencies]) {
    for (const [name, spec] of Object.entries(deps ?? {})) {
      if (!spec.startsWith("file:")) continue;
      deps![name] = pinned[name] = installedVersion(".", name);
    }
  }
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return pinned;
}

/** `npm install` with the npm running this script (`npm run`), else `npm`. */
function npmInstall(dir: string): Promise<void> {
  const npmCli = process.env.npm_execpath;
  const args = ["install", "--no-audit", "--no-fund", "--loglevel", "error"];
  const child = npmCli
    ? spawn(process.execPath, [npmCli, ...args], { cwd: dir, stdio: "inherit" })
    : spawn("npm", args, {
        cwd: dir,
        stdio: "inherit",
        shell: process.platform === "win32",
      });
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0
        ? done()
        : fail(new Error(`npm install in ${dir} failed (code ${code})`)),
    );
  });
}

/**
 * A copy of the prepared example outside node_modules, its node_modules a
 * link to the cache's, where it is pushed, built and served. Built inside
 * node_modules/.cache, Tailwind's automatic source detection scans its
 * dependencies too (tailwind-merge's class lists): 3× the CSS of a checkout.
 */
export function stageOutsideNodeModules(example: ExampleProject): {
  root: string;
  remove(): void;
} {
  const root = mkdtempSync(join(tmpdir(), "bench-vs-example-"));
  copySource(example.dir, root);
  // A junction on Windows: no privileges needed.
  symlinkSync(
    join(example.dir, "node_modules"),
    join(root, "node_modules"),
    "junction",
  );
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
