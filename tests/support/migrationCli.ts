/**
 * What a migration's docs page has an operator do, as the CLI tests do it:
 * the old app's fixture in a project folder of its own, the starter's copy
 * edited as the page says, every push, variable and command through the
 * real Convex CLI against one local backend.
 */
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { ConvexHttpClient } from "convex/browser";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import type { DoctorReport } from "../../convex/doctor";
import { runConvexCli, type Deployment } from "../../scripts/convexCli";
import { mergeCookies } from "./backend";
import { convexTokenFor } from "./localBackendAuth";
import { pushApp } from "./pushApp";

/** The password every migrated test user signs up and in with. */
export const PASSWORD = "correct horse battery";

/** Fails when the docs page's numbered steps differ from those the test runs. */
export function testDocSteps(doc: string, steps: readonly string[]): void {
  test("the docs page lists exactly the steps this test runs, in its order", () => {
    const headings = [
      ...readFileSync(doc, "utf8").matchAll(/^## (\d+)\. (.+)$/gm),
    ];
    expect(headings.map(([, n]) => Number(n))).toEqual(
      steps.map((_, i) => i + 1),
    );
    expect(headings.map(([, , title]) => title)).toEqual(steps);
  });
}

/** The starter's side of a migrated deployment, as its SPA at `app` calls it. */
export function starterClient(
  backend: { cloudUrl: string; siteUrl: string },
  app: string,
) {
  /** A Better Auth route, with the SPA's origin; `body` makes it a POST. */
  const auth = async (
    path: string,
    { cookie, body }: { cookie?: string; body?: unknown } = {},
  ): Promise<Response> =>
    await fetch(`${backend.siteUrl}/api/auth${path}`, {
      method: body === undefined ? "GET" : "POST",
      redirect: "manual",
      headers: {
        origin: app,
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  /** A Convex client, signed in with `jwt` when there is one. */
  const client = (jwt?: string): ConvexHttpClient => {
    const convex = new ConvexHttpClient(backend.cloudUrl);
    if (jwt) convex.setAuth(jwt);
    return convex;
  };
  /** The Convex client of the session a Better Auth response started. */
  const clientOf = async (response: Response): Promise<ConvexHttpClient> =>
    client(await convexTokenFor(backend, app, mergeCookies("", response)));
  /** Signs in with a password; the Convex client of that session. */
  const signIn = async (
    email: string,
    password = PASSWORD,
  ): Promise<ConvexHttpClient> => {
    const response = await auth("/sign-in/email", {
      body: { email, password },
    });
    expect(response.status, `${email} signs in`).toBe(200);
    return await clientOf(response);
  };
  return { auth, client, clientOf, signIn };
}

export type StarterClient = ReturnType<typeof starterClient>;

/** A fixture's convex/ in a folder of its own, as the CLI wants a project. */
export function fixtureProject(
  fixture: string,
  prefix: string,
): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(resolve(fixture, "convex"), join(dir, "convex"), { recursive: true });
  writeFileSync(join(dir, "package.json"), readFileSync("package.json"));
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"), "dir");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type MigrationCli = {
  /** `convex dev --once` of a project folder ("." is this checkout). */
  push(projectRoot: string, name: string): Promise<void>;
  /** `npx convex env set`. */
  envSet(name: string, value: string): Promise<void>;
  /** `npx convex run <fn> <args>`; its printed result. */
  run<T>(fn: string, args?: object): Promise<T>;
  /** Edits a file of the starter's convex/, failing if the text isn't there. */
  edit(file: string, from: string, to: string): void;
  /** `doctor:run`, then `doctor:report` until it is done. */
  doctor(): Promise<DoctorReport | null>;
};

export function migrationCli(
  backend: Deployment,
  starterDir: string,
  name: string,
): MigrationCli {
  const cli = async (args: string[], what: string) => {
    const result = await runConvexCli(backend, args, {
      projectRoot: starterDir,
      workspace: `${name}-cli-${process.pid}`,
    });
    if (result.code !== 0) {
      throw new Error(`${what} failed:\n${result.stdout}${result.stderr}`);
    }
    return result.stdout;
  };
  const run = async <T>(fn: string, args: object = {}): Promise<T> => {
    const out = await cli(
      ["run", fn, JSON.stringify(args)],
      `convex run ${fn}`,
    );
    return JSON.parse(
      out.slice(out.indexOf("{"), out.lastIndexOf("}") + 1),
    ) as T;
  };
  return {
    push: (projectRoot, label) =>
      pushApp(backend, { projectRoot, workspace: `${name}-${label}` }),
    envSet: async (variable, value) => {
      await cli(["env", "set", variable, value], `convex env set ${variable}`);
    },
    run,
    edit(file, from, to) {
      const path = join(starterDir, "convex", file);
      const text = readFileSync(path, "utf8");
      expect(text, `${file} holds ${from}`).toContain(from);
      writeFileSync(path, text.replace(from, to));
    },
    async doctor() {
      const { runId } = await run<{ runId: string }>("doctor:run");
      let report: DoctorReport | null = null;
      for (let i = 0; i < 100 && report?.status !== "done"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        report = await run<DoctorReport>("doctor:report", { runId });
      }
      return report;
    },
  };
}
