/**
 * The deployment's data on disk, between restarts (the `dataDir` option):
 * every component's documents, id counters and stored files, and the
 * environment variables, in one JSON file. Written whole to a temporary
 * file and renamed over the old one, so a kill mid-write leaves the last
 * complete save, never half of one. A file this version can't read is
 * moved aside, never overwritten in place.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { JSONValue } from "convex/values";

/** Bump when the shape below changes; older files are then set aside. */
export const SAVED_STATE_FORMAT = "convex-local-backend/state@1";

const FILE = "state.json";

/** One component's database, as convex-test holds it (values in JSON form). */
export type SavedComponent = {
  documents: JSONValue[];
  nextDocId: number;
  lastCreationTime: number;
  /** Stored files by storage id: content type and base64 bytes. */
  files: Record<string, { type: string; base64: string }>;
};

export type SavedState = {
  format: typeof SAVED_STATE_FORMAT;
  env: Record<string, string>;
  /** By component path: "" is the app, "betterAuth" a component. */
  components: Record<string, SavedComponent>;
};

export type LoadedState =
  | { kind: "none" }
  | { kind: "loaded"; state: SavedState }
  /** Unreadable or of another format: moved to `setAside`. */
  | { kind: "incompatible"; reason: string; setAside: string };

export function savedStateFile(dataDir: string): string {
  return join(dataDir, FILE);
}

function isSavedState(value: unknown): value is SavedState {
  if (typeof value !== "object" || value === null) return false;
  const state = value as Partial<SavedState>;
  return (
    state.format === SAVED_STATE_FORMAT &&
    typeof state.env === "object" &&
    state.env !== null &&
    typeof state.components === "object" &&
    state.components !== null &&
    Object.values(state.components).every(
      (component) =>
        Array.isArray(component?.documents) &&
        typeof component.nextDocId === "number",
    )
  );
}

/** What `dataDir` holds; an unusable file is moved aside, not deleted. */
export function loadSavedState(dataDir: string): LoadedState {
  const file = savedStateFile(dataDir);
  if (!existsSync(file)) return { kind: "none" };
  let reason: string;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (isSavedState(parsed)) return { kind: "loaded", state: parsed };
    const format = (parsed as { format?: unknown } | null)?.format;
    reason =
      typeof format === "string"
        ? `it is of format "${format}", this backend reads "${SAVED_STATE_FORMAT}"`
        : "it is not a saved state of this backend";
  } catch (error) {
    reason = `it can't be read (${(error as Error).message})`;
  }
  const setAside = `${file}.unreadable-${Date.now()}`;
  renameSync(file, setAside);
  return { kind: "incompatible", reason, setAside };
}

/**
 * Writes `state` so that the file is always either the previous save or
 * this one: a temporary file beside it, then a rename (atomic on one
 * file system).
 */
export function writeSavedState(dataDir: string, state: SavedState): void {
  mkdirSync(dataDir, { recursive: true });
  const file = savedStateFile(dataDir);
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, JSON.stringify(state));
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** How long writes settle before a save: a sign-up's burst is one save. */
const SAVE_DELAY_MS = 100;

/**
 * Saves after writes, debounced, and once more on `close`. `take` returns
 * the state to write, or `null` while a transaction is open (tried again
 * shortly: only committed data is saved).
 */
export class StateSaver {
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly take: () => Promise<SavedState | null>,
  ) {}

  /** Something changed: save soon. */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  private async save(): Promise<void> {
    this.timer = undefined;
    if (this.writing) {
      // Saved again when the write in flight finishes.
      await this.writing;
      return;
    }
    this.writing = this.saveNow().finally(() => (this.writing = undefined));
    await this.writing;
    if (this.dirty && !this.closed) this.changed();
  }

  private async saveNow(): Promise<void> {
    this.dirty = false;
    const state = await this.take();
    if (!state) {
      this.dirty = true; // A transaction is open: its commit comes soon.
      return;
    }
    try {
      writeSavedState(this.dataDir, state);
    } catch (error) {
      console.warn(
        `Could not save the local backend's data to ${this.dataDir}: ${(error as Error).message}`,
      );
    }
  }

  /** The last save, after every write so far; no saves after it. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    for (let tries = 0; tries < 50; tries += 1) {
      const state = await this.take();
      if (state) {
        writeSavedState(this.dataDir, state);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.warn(
      `A transaction was still open; the last writes were not saved to ${this.dataDir}.`,
    );
  }
}
