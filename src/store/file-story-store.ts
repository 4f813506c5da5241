import { z } from "zod";
import { type Story, StorySchema } from "../core/model/story.ts";
import type { Clock } from "../core/ports/ports.ts";
import type { StoryStore } from "../core/ports/story-store.ts";
import { MemberStateFile } from "./member-state-file.ts";
import { MemoryStoryStore } from "./memory-story-store.ts";

const MembersSchema = z.array(
  z.object({
    scope: z.string(),
    memberId: z.string(),
    expiresAt: z.number(),
    stories: z.array(StorySchema),
  }),
);

/**
 * The terminal's story bank without Redis: `stories.json` beside the interview file, kept apart
 * from it because it outlives the interviews (a year after its last change). See MemberStateFile
 * for how changes are written.
 */
export class FileStoryStore implements StoryStore {
  readonly #file: MemberStateFile<z.infer<typeof MembersSchema>[number], MemoryStoryStore>;

  constructor(options: { readonly path: string; readonly clock?: Clock }) {
    const clock = options.clock;
    this.#file = new MemberStateFile({
      path: options.path,
      format: "secondround-stories",
      members: MembersSchema,
      empty: () => new MemoryStoryStore(clock ? { clock } : {}),
    });
  }

  get path(): string {
    return this.#file.path;
  }

  async list(scope: string, memberId: string): Promise<Story[]> {
    return this.#file.read().list(scope, memberId);
  }

  async put(scope: string, memberId: string, stories: readonly Story[]): Promise<void> {
    await this.#file.change((store) => store.put(scope, memberId, stories));
  }

  async remove(scope: string, memberId: string, ids: readonly string[]): Promise<number> {
    return this.#file.change((store) => store.remove(scope, memberId, ids));
  }

  async deleteAll(scope: string, memberId: string): Promise<number> {
    return this.#file.change((store) => store.deleteAll(scope, memberId));
  }
}
