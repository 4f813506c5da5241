import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";
import type { ConversationKey } from "../core/model/conversation.ts";
import { StoreUnavailableError } from "../core/model/errors.ts";
import type { Clock } from "../core/ports/ports.ts";
import { MemorySessionStore } from "./memory-session-store.ts";
import type { StoreTtls } from "./store-ttls.ts";

/** The file's own envelope; `state` is whatever MemorySessionStore exports. */
const FORMAT = "secondround-interviews";
const FORMAT_VERSION = 1;
const FileSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  state: z.unknown(),
});

const LockSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.number() });
type LockHolder = z.infer<typeof LockSchema>;

/** Another terminal is using the interview file: one process at a time may change it. */
export class InterviewFileBusyError extends StoreUnavailableError {
  constructor(path: string, holder: LockHolder | null) {
    const who = holder
      ? ` (process ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`})`
      : "";
    super(
      `Another SecondRound practice is using ${path}${who}. Finish or pause it there first (Ctrl-C), ` +
        "or keep this interview in another file with --session-file PATH.",
    );
  }
}

/** The interview file exists but cannot be used; it is left exactly as it is. */
export class InterviewFileUnreadableError extends StoreUnavailableError {
  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(
      `The interview file ${path} could not be read (${detail}). It has not been changed: move it aside to start afresh, or use --session-file PATH.`,
      options,
    );
  }
}

export interface FileSessionStoreOptions extends Partial<StoreTtls> {
  readonly path: string;
  readonly clock?: Clock;
}

/**
 * The terminal's interviews in one JSON file (the user's data directory by default), for when
 * Redis is not configured. It is a MemorySessionStore, so it has exactly its semantics (and any
 * method it gains); every change is written to the file (temp file + fsync + rename) before the
 * call that made it resolves, so a crash or Ctrl-C loses nothing that was acknowledged.
 *
 * Opened, it only reads. `lock()` makes it the file's one writer: a lock file next to it names
 * the owning process, and a second terminal gets InterviewFileBusyError instead of two writers
 * overwriting each other. A lock left by a process that has died is taken over.
 */
export class FileSessionStore extends MemorySessionStore {
  readonly path: string;
  readonly #lockPath: string;
  #locked = false;
  /** The write in progress, and the one queued behind it (which will include every later change). */
  #writing: Promise<void> = Promise.resolve();
  #queued: Promise<void> | undefined;

  private constructor(options: FileSessionStoreOptions) {
    super(options);
    this.path = options.path;
    this.#lockPath = `${options.path}.lock`;
  }

  /**
   * Reads the file (a missing file is an empty store); nothing is created until `lock()`. Opening
   * and locking are synchronous: they happen once, before anything else, on a small file.
   */
  static open(options: FileSessionStoreOptions): FileSessionStore {
    const store = new FileSessionStore(options);
    store.#load();
    return store;
  }

  /** Takes the file for this process, then reads it again (it may have changed since `open`). */
  lock(): void {
    if (this.#locked) return;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    this.#acquire();
    this.#locked = true;
    heldLocks.add(this.#lockPath);
    try {
      this.#load();
    } catch (error) {
      this.#unlock();
      throw error;
    }
  }

  /** Every conversation with a live interview in the file. */
  conversations(): ConversationKey[] {
    return Object.keys(this.exportState().sessions) as ConversationKey[];
  }

  /** Waits for the last write, then gives the file up. */
  override async close(): Promise<void> {
    await this.#writing.catch(() => {});
    this.#unlock();
  }

  #unlock(): void {
    if (!this.#locked) return;
    this.#locked = false;
    heldLocks.delete(this.#lockPath);
    releaseLock(this.#lockPath);
  }

  protected override changed(): Promise<void> {
    if (!this.#locked) {
      return Promise.reject(
        new StoreUnavailableError(`${this.path} was opened read-only; nothing was saved.`),
      );
    }
    // Writes never overlap: a change made while one is in flight is written by the next, which
    // snapshots the state when it starts, so every caller waits for a write that includes it.
    if (!this.#queued) {
      const queued = this.#writing
        .catch(() => {})
        .then(() => {
          this.#queued = undefined;
          return this.#write();
        });
      this.#queued = queued;
      this.#writing = queued;
    }
    return this.#queued;
  }

  async #write(): Promise<void> {
    const text = `${JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION, state: this.exportState() })}\n`;
    try {
      await writeFileAtomic(this.path, text, { mode: 0o600 });
    } catch (error) {
      throw new StoreUnavailableError(
        `Could not save to ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  #load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if (isCode(error, "ENOENT")) return this.importState({ sessions: {}, claims: {} });
      throw new InterviewFileUnreadableError(this.path, describe(error), { cause: error });
    }
    let parsed: z.infer<typeof FileSchema>;
    try {
      parsed = FileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new InterviewFileUnreadableError(this.path, "it is not a SecondRound interview file", {
        cause: error,
      });
    }
    if (parsed.formatVersion > FORMAT_VERSION) {
      throw new InterviewFileUnreadableError(this.path, "it was written by a newer SecondRound; update it");
    }
    try {
      this.importState(parsed.state);
    } catch (error) {
      throw new InterviewFileUnreadableError(this.path, "its contents are damaged", { cause: error });
    }
  }

  /**
   * The lock file appears complete or not at all: it is written under a unique name and then
   * hard-linked into place, which fails if the lock already exists.
   */
  #acquire(): void {
    const me: LockHolder = { pid: process.pid, host: hostname(), since: Date.now() };
    const staging = `${this.#lockPath}.${process.pid}.${Date.now()}`;
    writeFileSync(staging, JSON.stringify(me), { mode: 0o600 });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        try {
          linkSync(staging, this.#lockPath);
          return;
        } catch (error) {
          if (!isCode(error, "EEXIST")) throw error;
        }
        const holder = readHolder(this.#lockPath);
        if (holder && !isStale(holder)) throw new InterviewFileBusyError(this.path, holder);
        // Left by a process that no longer runs: take it over.
        removeQuietly(this.#lockPath);
      }
      throw new InterviewFileBusyError(this.path, readHolder(this.#lockPath));
    } finally {
      removeQuietly(staging);
    }
  }
}

/** Locks still held when the process exits (process.exit, an uncaught error) are removed then. */
const heldLocks = new Set<string>();
process.on("exit", () => {
  for (const lockPath of heldLocks) releaseLock(lockPath);
});

function readHolder(lockPath: string): LockHolder | null {
  try {
    return LockSchema.parse(JSON.parse(readFileSync(lockPath, "utf8")));
  } catch {
    return null;
  }
}

/** Removes the lock file if it is still this process's (synchronous: it also runs on exit). */
function releaseLock(lockPath: string): void {
  const holder = readHolder(lockPath);
  if (holder?.pid === process.pid && holder.host === hostname()) removeQuietly(lockPath);
}

/** A holder on this machine whose process has gone; one on another machine cannot be checked. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return isCode(error, "ESRCH");
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
