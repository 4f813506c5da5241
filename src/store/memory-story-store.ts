import { type Story, StorySchema } from "../core/model/story.ts";
import type { Clock } from "../core/ports/ports.ts";
import { STORY_BANK_RETENTION_MS, type StoryStore } from "../core/ports/story-store.ts";

interface MemberBank {
  stories: Map<string, Story>;
  expiresAt: number;
}

/** Story banks in this process (tests, and the file store's working copy); same rules as Redis. */
export class MemoryStoryStore implements StoryStore {
  readonly #banks = new Map<string, MemberBank>();
  readonly #clock: Clock;
  readonly #retentionMs: number;

  constructor(options: { readonly clock?: Clock; readonly retentionMs?: number } = {}) {
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#retentionMs = options.retentionMs ?? STORY_BANK_RETENTION_MS;
  }

  async list(scope: string, memberId: string): Promise<Story[]> {
    return [...(this.#live(scope, memberId)?.stories.values() ?? [])].map((story) => structuredClone(story));
  }

  async put(scope: string, memberId: string, stories: readonly Story[]): Promise<void> {
    if (stories.length === 0) return;
    const bank = this.#live(scope, memberId) ?? { stories: new Map(), expiresAt: 0 };
    // Parsed, as Redis does, so what is kept is exactly what the schema allows.
    for (const story of stories) bank.stories.set(story.id, StorySchema.parse(story));
    bank.expiresAt = this.#clock.now() + this.#retentionMs;
    this.#banks.set(memberKey(scope, memberId), bank);
  }

  async remove(scope: string, memberId: string, ids: readonly string[]): Promise<number> {
    const bank = this.#live(scope, memberId);
    if (!bank) return 0;
    let removed = 0;
    for (const id of ids) if (bank.stories.delete(id)) removed += 1;
    if (bank.stories.size === 0) this.#banks.delete(memberKey(scope, memberId));
    return removed;
  }

  async deleteAll(scope: string, memberId: string): Promise<number> {
    const count = this.#live(scope, memberId)?.stories.size ?? 0;
    this.#banks.delete(memberKey(scope, memberId));
    return count;
  }

  /** Every member's bank, for the file store to write. */
  exportState(): Array<{ scope: string; memberId: string; expiresAt: number; stories: Story[] }> {
    const now = this.#clock.now();
    return [...this.#banks.entries()]
      .filter(([, bank]) => bank.expiresAt > now)
      .map(([key, bank]) => {
        const [scope = "", memberId = ""] = key.split("\u0000");
        return { scope, memberId, expiresAt: bank.expiresAt, stories: [...bank.stories.values()] };
      });
  }

  importState(state: ReturnType<MemoryStoryStore["exportState"]>): void {
    for (const member of state)
      this.#banks.set(memberKey(member.scope, member.memberId), {
        stories: new Map(member.stories.map((story) => [story.id, story])),
        expiresAt: member.expiresAt,
      });
  }

  #live(scope: string, memberId: string): MemberBank | null {
    const key = memberKey(scope, memberId);
    const bank = this.#banks.get(key);
    if (!bank) return null;
    if (bank.expiresAt > this.#clock.now()) return bank;
    this.#banks.delete(key);
    return null;
  }
}

function memberKey(scope: string, memberId: string): string {
  return `${scope}\u0000${memberId}`;
}
