import { COMPETENCY_LABELS } from "../model/interview-vocabulary.ts";
import type { Story } from "../model/story.ts";
import { type StoryChange, storyGaps } from "../model/story-bank.ts";
import { competencyNames } from "./story-reuse-report.ts";

/** The bank is empty: what it is and how it fills. */
export const EMPTY_STORY_BANK =
  "Your story bank is empty. Every story you tell in an interview (a situation, what you did and the result) is added here when the interview ends, so you can keep your best ones, rename them and see which competencies still have no story.";

/** One line naming the story: number, title, whether kept, competencies, best score, tellings. */
export function storyHeadline(story: Story, number: number): string {
  const competencies = story.competencies.map((competency) => COMPETENCY_LABELS[competency]).join(", ");
  const score = story.bestScore === null ? "not scored" : `best ${story.bestScore}/100`;
  const told = story.tellings.length === 1 ? "told once" : `told ${story.tellings.length} times`;
  return `${number}. ${story.title} (${story.kept ? "kept" : "suggested"}): ${competencies || "no competency"}, ${score}, ${told}`;
}

/** The story's STAR parts as the candidate told them, verbatim; missing parts said so. */
export function storyParts(story: Story): string[] {
  const part = (label: string, text: string | null) =>
    `${label}: ${text === null ? "(not told yet)" : `"${text}"`}`;
  return [
    part("Situation", story.situation),
    ...(story.task === null ? [] : [part("Task", story.task)]),
    part("Action", story.action),
    part("Result", story.result),
  ];
}

/**
 * The six competencies and the stories for each, and the gaps: which competencies have no story
 * yet (the next interview asks about them first) and which stories carry more than one.
 */
export function storyCoverageLines(stories: readonly Story[]): string[] {
  const gaps = storyGaps(stories);
  const lines: string[] = [];
  if (gaps.length > 0)
    lines.push(
      `No story yet for: ${gaps.map((gap) => COMPETENCY_LABELS[gap]).join(", ")}. Your next interview asks about ${gaps.length === 1 ? "it" : "these"} first.`,
    );
  else lines.push("Every competency has at least one story.");
  const stretched = stories.filter((story) => story.competencies.length > 1);
  for (const story of stretched)
    lines.push(
      `"${story.title}" is carrying ${competencyNames(story.competencies)}: a panel that hears it twice wonders whether you have another, so prepare a second story for one of them.`,
    );
  return lines;
}

/** What a keep, rename or delete did, in the member's terms. */
export function storyChangeText(action: "keep" | "rename" | "delete", change: StoryChange): string {
  switch (change.kind) {
    case "changed":
      return action === "rename"
        ? `Renamed and kept: "${change.story.title}".`
        : `Kept "${change.story.title}": it stays in your bank for 12 months after your last change.`;
    case "deleted":
      return `Deleted "${change.story.title}" from your story bank.`;
    case "invalid-title":
      return `${change.problem} Nothing was changed.`;
    default:
      return "That story is no longer in your bank. Nothing was changed.";
  }
}
