import { z } from "zod";
import { type ProgressEntry, ProgressEntrySchema } from "../core/model/progress-entry.ts";
import type { Clock } from "../core/ports/ports.ts";
import type { ProgressStore } from "../core/ports/progress-store.ts";
import { MemberStateFile } from "./member-state-file.ts";
import { MemoryProgressStore } from "./memory-progress-store.ts";

const MembersSchema = z.array(
  z.object({
    scope: z.string(),
    memberId: z.string(),
    expiresAt: z.number(),
    entries: z.array(ProgressEntrySchema),
  }),
);

/**
 * The terminal's progress history without Redis: `progress.json` beside the interview file, kept
 * apart from it because it outlives the interviews (a year, see ProgressStore). See
 * MemberStateFile for how changes are written.
 */
export class FileProgressStore implements ProgressStore {
  readonly #file: MemberStateFile<z.infer<typeof MembersSchema>[number], MemoryProgressStore>;

  constructor(options: { readonly path: string; readonly clock?: Clock }) {
    const clock = options.clock;
    this.#file = new MemberStateFile({
      path: options.path,
      format: "secondround-progress",
      members: MembersSchema,
      empty: () => new MemoryProgressStore(clock ? { clock } : {}),
    });
  }

  get path(): string {
    return this.#file.path;
  }

  async record(scope: string, memberId: string, entry: ProgressEntry): Promise<void> {
    await this.#file.change((store) => store.record(scope, memberId, entry));
  }

  async list(scope: string, memberId: string): Promise<ProgressEntry[]> {
    return this.#file.read().list(scope, memberId);
  }

  async delete(scope: string, memberId: string): Promise<number> {
    return this.#file.change((store) => store.delete(scope, memberId));
  }
}
