import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";

/** An in-memory store whose whole state the file holds: its members' records. */
export interface StateHolder<Member> {
  exportState(): Member[];
  importState(members: Member[]): void;
}

/**
 * A terminal store without Redis, kept as one JSON file of per-member records (progress, story
 * banks): an in-memory store (same rules as Redis) loaded from the file for each call. Each change
 * reads the file afresh, applies the change and replaces the file atomically (temp file + rename,
 * readable by its owner only), so two terminals changing it one after the other both keep theirs.
 * An unreadable file reads as empty and is never overwritten.
 */
export class MemberStateFile<Member, Holder extends StateHolder<Member>> {
  readonly path: string;
  readonly #format: string;
  readonly #schema: z.ZodType<Member[]>;
  readonly #empty: () => Holder;

  constructor(options: {
    readonly path: string;
    /** Names the file's contents, so a file of another kind is refused rather than misread. */
    readonly format: string;
    readonly members: z.ZodType<Member[]>;
    readonly empty: () => Holder;
  }) {
    this.path = options.path;
    this.#format = options.format;
    this.#schema = options.members;
    this.#empty = options.empty;
  }

  /** The file's contents; empty when there is no file yet or it cannot be read. */
  read(): Holder {
    return this.#load() ?? this.#empty();
  }

  async change<T>(apply: (store: Holder) => Promise<T>): Promise<T> {
    const store = this.#load();
    if (!store) throw new Error(`The file ${this.path} could not be read; it has not been changed.`);
    const result = await apply(store);
    const file = { format: this.#format, formatVersion: 1, members: store.exportState() };
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(file)}\n`, { mode: 0o600 });
    return result;
  }

  /** An empty store when there is no file yet, null when it is unreadable. */
  #load(): Holder | null {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return this.#empty();
      return null;
    }
    try {
      const parsed = z
        .object({ format: z.literal(this.#format), formatVersion: z.literal(1), members: this.#schema })
        .safeParse(JSON.parse(text));
      if (!parsed.success) return null;
      const store = this.#empty();
      store.importState(parsed.data.members);
      return store;
    } catch {
      return null;
    }
  }
}
