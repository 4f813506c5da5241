import type { StoryBank } from "../../src/core/engine/story-bank.ts";
import { storyChangeText } from "../../src/core/interview/story-bank-text.ts";
import type { Story } from "../../src/core/model/story.ts";

/** What the story bank's private message shows next: one story of the bank, or a delete to confirm. */
export type StoryView =
  | {
      readonly kind: "card";
      readonly stories: readonly Story[];
      readonly index: number;
      readonly notice?: string;
    }
  | { readonly kind: "confirm-delete"; readonly story: Story; readonly index: number };

/** The buttons of the story card, the same on every platform: `target` is a position or a story id. */
export type StoryVerb = "show" | "keep" | "rename" | "delete" | "erase";

/**
 * A press on the story card, applied to the presser's own bank: Previous/Next show another story,
 * Keep keeps it, Delete asks first and Delete for good (erase) deletes it. The card then shows the
 * story at the same place, or the one before when the last was deleted.
 */
export async function storyPress(
  bank: StoryBank,
  scope: string,
  memberId: string,
  verb: Exclude<StoryVerb, "rename">,
  target: string,
): Promise<StoryView> {
  const stories = await bank.list(scope, memberId);
  if (verb === "show") return { kind: "card", stories, index: Number(target) || 0 };
  const index = stories.findIndex((story) => story.id === target);
  if (verb === "delete") {
    const story = stories[index];
    return story
      ? { kind: "confirm-delete", story, index }
      : { kind: "card", stories, index: 0, notice: "That story is no longer in your bank." };
  }
  const change =
    verb === "keep" ? await bank.keep(scope, memberId, target) : await bank.delete(scope, memberId, target);
  const now = await bank.list(scope, memberId);
  return {
    kind: "card",
    stories: now,
    index: Math.min(Math.max(0, index), Math.max(0, now.length - 1)),
    notice: storyChangeText(verb === "keep" ? "keep" : "delete", change),
  };
}

/** The position to show, kept within the bank. */
export function shownIndex(stories: readonly Story[], index: number): number {
  return Math.min(Math.max(0, index), stories.length - 1);
}

/** The confirmation a delete asks for, in the member's terms. */
export function confirmDeleteText(title: string): string {
  return `Delete "${title}" from your story bank? Its sentences and scores go for good; your interviews' reports are not changed.`;
}
