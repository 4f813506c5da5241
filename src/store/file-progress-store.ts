import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";
import { type ProgressEntry, ProgressEntrySchema } from "../core/model/progress-entry.ts";
import type { Clock } from "../core/ports/ports.ts";
import type { ProgressStore } from "../core/ports/progress-store.ts";
import { MemoryProgressStore } from "./memory-progress-store.ts";

const FORMAT = "secondround-progress";
const FileSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  members: z.array(
    z.object({
      scope: z.string(),
      memberId: z.string(),
      expiresAt: z.number(),
      entries: z.array(ProgressEntrySchema),
    }),
  ),
});

/**
 * The terminal's progress history without Redis: `progress.json` beside the interview file, kept
 * apart from it because it outlives the interviews (a year, see ProgressStore). Each change reads
 * the file afresh, applies the change and replaces the file atomically, so two terminals finishing
 * interviews one after the other both keep theirs. An unreadable file counts as empty for reading
 * and is never overwritten.
 */
export class FileProgressStore implements ProgressStore {
  readonly path: string;
  readonly #clock: Clock | undefined;

  constructor(options: { readonly path: string; readonly clock?: Clock }) {
    this.path = options.path;
    this.#clock = options.clock;
  }

  async record(scope: string, memberId: string, entry: ProgressEntry): Promise<void> {
    await this.#change((store) => store.record(scope, memberId, entry));
  }

  async list(scope: string, memberId: string): Promise<ProgressEntry[]> {
    return (this.#load() ?? this.#empty()).list(scope, memberId);
  }

  async delete(scope: string, memberId: string): Promise<number> {
    return this.#change((store) => store.delete(scope, memberId));
  }

  async #change<T>(apply: (store: MemoryProgressStore) => Promise<T>): Promise<T> {
    const store = this.#load();
    if (!store) throw new Error(`The progress file ${this.path} could not be read; it has not been changed.`);
    const result = await apply(store);
    const file = { format: FORMAT, formatVersion: 1, members: store.exportState() };
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(file)}\n`);
    return result;
  }

  /** The file's contents; an empty store when there is no file yet, null when it is unreadable. */
  #load(): MemoryProgressStore | null {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return this.#empty();
      return null;
    }
    try {
      const parsed = FileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) return null;
      const store = this.#empty();
      store.importState(parsed.data.members);
      return store;
    } catch {
      return null;
    }
  }

  #empty(): MemoryProgressStore {
    return new MemoryProgressStore(this.#clock ? { clock: this.#clock } : {});
  }
}
