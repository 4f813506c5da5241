import type { Competency } from "../model/interview-vocabulary.ts";
import type { Session } from "../model/session.ts";
import { type Story, StorySchema } from "../model/story.ts";
import { addToBank, liveStories, type StoryChange, storiesOfReport, storyGaps } from "../model/story-bank.ts";
import type { MemberStories } from "../ports/member-stories.ts";
import type { Clock } from "../ports/ports.ts";
import type { StoryStore } from "../ports/story-store.ts";

/**
 * A member's story bank (`/interview stories`, `secondround stories`): the stories their finished
 * interviews told, which they keep, rename or delete, and the competencies with no story yet, which
 * the next interview's plan asks about first. Every platform calls the same operations.
 */
export class StoryBank implements MemberStories {
  readonly #store: StoryStore;
  readonly #clock: Clock;

  constructor(store: StoryStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  /**
   * Adds a finished interview's stories: retellings update the stories they retell, the rest are
   * suggestions. Recording the same interview again changes nothing.
   */
  async record(scope: string, memberId: string, session: Session): Promise<void> {
    if (session.phase !== "finished" || !session.report) return;
    const told = storiesOfReport(session.report, session.id);
    if (told.length === 0) return;
    const change = addToBank(await this.#store.list(scope, memberId), told, this.#clock.now());
    await this.#store.put(scope, memberId, change.put);
    await this.#store.remove(scope, memberId, change.remove);
  }

  /** The bank as shown: kept stories first, then suggestions, most recently told first. */
  async list(scope: string, memberId: string): Promise<Story[]> {
    return liveStories(await this.#store.list(scope, memberId), this.#clock.now());
  }

  /**
   * Competencies no story has been told for yet; empty when the bank is empty (then every
   * competency is a gap, and the plan's usual balance is the better guide).
   */
  async gaps(scope: string, memberId: string): Promise<Competency[]> {
    const stories = await this.list(scope, memberId);
    return stories.length === 0 ? [] : storyGaps(stories);
  }

  async keep(scope: string, memberId: string, id: string): Promise<StoryChange> {
    return this.#change(scope, memberId, id, (story) => ({ ...story, kept: true }));
  }

  /** A new title (the candidate's own words); a renamed story is kept. */
  async rename(scope: string, memberId: string, id: string, title: string): Promise<StoryChange> {
    const checked = StorySchema.shape.title.safeParse(title);
    if (!checked.success)
      return { kind: "invalid-title", problem: "A story title needs 1 to 80 characters." };
    return this.#change(scope, memberId, id, (story) => ({
      ...story,
      title: checked.data,
      titled: true,
      kept: true,
    }));
  }

  async delete(scope: string, memberId: string, id: string): Promise<StoryChange> {
    const story = await this.#find(scope, memberId, id);
    if (!story) return { kind: "not-found" };
    await this.#store.remove(scope, memberId, [id]);
    return { kind: "deleted", story };
  }

  /** The member's stories as their data export shows them: every stored one, expired suggestions too. */
  async exportMember(scope: string, memberId: string): Promise<Story[]> {
    return this.#store.list(scope, memberId);
  }

  /** Deletes the member's whole bank in this community; how many stories went. Safe to repeat. */
  /** The community's retention period (see StoryStore.dropOlderThan); 0 where the store has none. */
  async dropOlderThan(scope: string, cutoff: number, now: number): Promise<number> {
    return (await this.#store.dropOlderThan?.(scope, cutoff, now)) ?? 0;
  }

  async eraseMember(scope: string, memberId: string): Promise<number> {
    return this.#store.deleteAll(scope, memberId);
  }

  async #change(
    scope: string,
    memberId: string,
    id: string,
    apply: (story: Story) => Story,
  ): Promise<StoryChange> {
    const story = await this.#find(scope, memberId, id);
    if (!story) return { kind: "not-found" };
    const changed = { ...apply(story), updatedAt: this.#clock.now() };
    await this.#store.put(scope, memberId, [changed]);
    return { kind: "changed", story: changed };
  }

  async #find(scope: string, memberId: string, id: string): Promise<Story | null> {
    return (await this.list(scope, memberId)).find((story) => story.id === id) ?? null;
  }
}
