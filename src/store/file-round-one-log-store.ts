import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";
import { StoreUnavailableError } from "../core/model/errors.ts";
import { RoundOneLogSchema } from "../core/model/round-one-log.ts";
import { MemoryRoundOneLogStore, type RoundOneLogTable } from "./memory-round-one-log-store.ts";

const FORMAT = "secondround-round-one-logs";
const FileSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  logs: z.record(z.string(), z.record(z.string(), RoundOneLogSchema)),
});

/**
 * The terminal's round-1 logs in one JSON file beside its interviews (round-one-logs.json), for
 * when Redis is not configured. Each change is written whole (temp file + fsync + rename) before
 * the call resolves. Logs change only through `secondround log`, a short command, so there is no
 * lock: the last save wins.
 */
export class FileRoundOneLogStore extends MemoryRoundOneLogStore {
  readonly path: string;

  private constructor(path: string, table: RoundOneLogTable) {
    super(table);
    this.path = path;
  }

  /** Reads the file; a missing file is an empty store. A damaged one is refused and left alone. */
  static open(path: string): FileRoundOneLogStore {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new FileRoundOneLogStore(path, {});
      throw new StoreUnavailableError(`The round-1 log file ${path} could not be read.`, { cause: error });
    }
    let parsed: z.infer<typeof FileSchema>;
    try {
      parsed = FileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new StoreUnavailableError(
        `The round-1 log file ${path} is damaged or from a newer version. It has not been changed: move it aside to start afresh.`,
        { cause: error },
      );
    }
    return new FileRoundOneLogStore(path, parsed.logs);
  }

  protected override async changed(): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    const body = { format: FORMAT, formatVersion: 1, logs: this.table };
    await writeFileAtomic(this.path, `${JSON.stringify(body)}\n`, { mode: 0o600 });
  }
}
