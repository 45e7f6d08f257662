/**
 * The local backend's data between restarts (`dataDir`, savedState.ts):
 * what one start writes, the next one reads back (documents, id counters,
 * stored files, variables); a file cut off mid-write or of another format
 * is set aside with a reason and the backend starts empty instead of
 * failing. A unit test of an internal, so it sits beside it.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { startLocalBackend } from "./backend";
import { SAVED_STATE_FORMAT, savedStateFile } from "./savedState";

const SITE = "http://localhost:5173";
const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "local-backend-data-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true });
});

type Note = { _id: string; text: string; file?: string };

async function notes(backend: Awaited<ReturnType<typeof startLocalBackend>>) {
  return await backend.run(
    async (ctx) => (await ctx.db.query("notes").collect()) as unknown as Note[],
  );
}

describe("the local backend's saved data", () => {
  test("a restart on the same folder has the documents, files, id counter and variables back", async () => {
    const dir = dataDir();
    const first = await startLocalBackend({ siteUrl: SITE, dataDir: dir });
    expect(first.savedData).toEqual({ kind: "none" });
    const secret = process.env.BETTER_AUTH_SECRET;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const stored = await first.run(async (ctx) => {
      const file = await ctx.storage.store(
        new Blob(["hello file"], { type: "text/plain" }),
      );
      const id = await ctx.db.insert("notes", { text: "kept", file });
      return { id, file };
    });
    await first.close();
    delete process.env.BETTER_AUTH_SECRET;

    const second = await startLocalBackend({ siteUrl: SITE, dataDir: dir });
    try {
      expect(second.savedData).toEqual({
        kind: "loaded",
        file: savedStateFile(dir),
      });
      // The same secret: Better Auth's sessions and cookies stay valid.
      expect(process.env.BETTER_AUTH_SECRET).toBe(secret);
      expect(await notes(second)).toMatchObject([
        { _id: stored.id, text: "kept" },
      ]);
      const text = await second.run(async (ctx) =>
        (await ctx.storage.get(stored.file))?.text(),
      );
      expect(text).toBe("hello file");
      // New ids continue after the saved ones instead of reusing them.
      const next = await second.run(
        async (ctx) => await ctx.db.insert("notes", { text: "new" }),
      );
      expect(next).not.toBe(stored.id);
    } finally {
      await second.close();
    }
  });

  test("writes are saved soon after they commit, not only on close", async () => {
    const dir = dataDir();
    const backend = await startLocalBackend({ dataDir: dir });
    try {
      await backend.run(
        async (ctx) => await ctx.db.insert("notes", { text: "soon" }),
      );
      await expect
        .poll(() =>
          existsSync(savedStateFile(dir))
            ? readFileSync(savedStateFile(dir), "utf8")
            : "",
        )
        .toContain('"soon"');
      // Written to a temporary file and renamed: none is left behind.
      expect(readdirSync(dir)).toEqual(["state.json"]);
    } finally {
      await backend.close();
    }
  });

  test("a file cut off mid-write is set aside with a reason, and the backend starts empty", async () => {
    const dir = dataDir();
    const first = await startLocalBackend({ dataDir: dir });
    await first.run(
      async (ctx) => await ctx.db.insert("notes", { text: "lost" }),
    );
    await first.close();
    const whole = readFileSync(savedStateFile(dir), "utf8");
    writeFileSync(savedStateFile(dir), whole.slice(0, whole.length / 2));

    const second = await startLocalBackend({ dataDir: dir });
    try {
      expect(second.savedData).toMatchObject({
        kind: "incompatible",
        reason: expect.stringContaining("can't be read"),
      });
      expect(await notes(second)).toEqual([]);
      // Kept for a look, not deleted; the folder's save is new.
      const { setAside } = second.savedData as { setAside: string };
      expect(readFileSync(setAside, "utf8")).toBe(
        whole.slice(0, whole.length / 2),
      );
    } finally {
      await second.close();
    }
  });

  test("a leftover partial write beside a whole save doesn't matter: the whole one loads", async () => {
    const dir = dataDir();
    const first = await startLocalBackend({ dataDir: dir });
    await first.run(
      async (ctx) => await ctx.db.insert("notes", { text: "whole" }),
    );
    await first.close();
    // What a kill during writeFileSync leaves: the temporary file only.
    writeFileSync(`${savedStateFile(dir)}.999.partial`, '{"format":"conv');

    const second = await startLocalBackend({ dataDir: dir });
    try {
      expect(second.savedData.kind).toBe("loaded");
      expect(await notes(second)).toMatchObject([{ text: "whole" }]);
    } finally {
      await second.close();
    }
  });

  test("a save of another format version is set aside, named in the reason", async () => {
    const dir = dataDir();
    writeFileSync(
      savedStateFile(dir),
      JSON.stringify({ format: "convex-local-backend/state@0", tables: {} }),
    );
    const backend = await startLocalBackend({ dataDir: dir });
    try {
      expect(backend.savedData).toMatchObject({
        kind: "incompatible",
        reason: expect.stringContaining(SAVED_STATE_FORMAT),
      });
      expect(await notes(backend)).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
