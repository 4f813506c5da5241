import { CORE_COMPETENCIES, type Competency } from "./interview-vocabulary.ts";
import type { Report, ReportQuestion } from "./report.ts";
import { isSameStory } from "./same-story.ts";
import { shortenAtWord } from "./shorten-at-word.ts";
import { MAX_STORIES, type Story, storyIdOf } from "./story.ts";

/** A suggestion the candidate never kept goes this long after it was last told. */
export const SUGGESTION_RETENTION_MS = 90 * 24 * 60 * 60_000;
const MAX_MARKS = 60;
const MAX_TELLINGS = 20;
/** A generated title's length: a list line and a button label, well within MAX_STORY_TITLE. */
const TITLE_CHARS = 61;

/** Keep, rename or delete: the story as it now is, or why nothing changed. */
export type StoryChange =
  | { readonly kind: "changed"; readonly story: Story }
  | { readonly kind: "deleted"; readonly story: Story }
  | { readonly kind: "not-found" }
  | { readonly kind: "invalid-title"; readonly problem: string };

/** What to write to a member's bank: stories added or changed, and stories to drop. */
export interface BankChange {
  readonly put: readonly Story[];
  readonly remove: readonly string[];
}

/**
 * The stories a finished interview told: one per answered, scorable story question with a
 * competency, merged when two answers told the same episode (that is one story used twice). The
 * STAR parts are the sentences the coach cited, verbatim; the best-scoring telling supplies them.
 */
export function storiesOfReport(report: Report, sessionId: string): Story[] {
  const stories: Story[] = [];
  for (const question of report.questions) {
    const story = storyOfAnswer(question, report, sessionId);
    if (!story) continue;
    const same = stories.findIndex((known) => isSameStory(known.marks, story.marks));
    if (same < 0) stories.push(story);
    else stories[same] = mergeStory(stories[same] as Story, story, report.generatedAt);
  }
  return stories;
}

function storyOfAnswer(question: ReportQuestion, report: Report, sessionId: string): Story | null {
  const evaluation = question.evaluation;
  const marks = evaluation?.storyMarks ?? [];
  if (question.status !== "answered" || !evaluation?.scorable || marks.length === 0) return null;
  const { star } = evaluation;
  const part = (name: keyof typeof star) => (star[name].present ? star[name].evidence : null);
  const situation = part("situation");
  const action = part("action");
  if (situation === null && action === null) return null;
  return {
    id: storyIdOf(sessionId, question.questionId),
    title: titleFrom(situation ?? action ?? ""),
    titled: false,
    situation,
    task: part("task"),
    action,
    result: part("result"),
    competencies: question.competency ? [question.competency] : [],
    bestScore: evaluation.score,
    marks: marks.slice(0, MAX_MARKS),
    kept: false,
    company: report.company,
    role: report.role,
    tellings: [
      {
        sessionId,
        questionId: question.questionId,
        competency: question.competency,
        score: evaluation.score,
        at: report.generatedAt,
      },
    ],
    updatedAt: report.generatedAt,
  };
}

/**
 * Adds an interview's stories to a bank: a retelling of a banked story (same marks) updates it,
 * anything else is a new suggestion. Recording the same interview again changes nothing. Expired
 * suggestions are dropped, and beyond MAX_STORIES the stories told longest ago go, suggestions first.
 */
export function addToBank(bank: readonly Story[], told: readonly Story[], now: number): BankChange {
  const stories = new Map(bank.map((story) => [story.id, story]));
  const changed = new Set<string>();
  for (const story of told) {
    const known =
      stories.get(story.id) ?? [...stories.values()].find((banked) => isSameStory(banked.marks, story.marks));
    const next = known ? mergeStory(known, story, now) : story;
    if (known && sameTellings(known, next)) continue;
    stories.set(next.id, next);
    changed.add(next.id);
  }
  const remove = new Set(expiredSuggestions([...stories.values()], now).map((story) => story.id));
  const live = [...stories.values()].filter((story) => !remove.has(story.id));
  for (const story of overflow(live)) remove.add(story.id);
  return {
    put: [...changed].filter((id) => !remove.has(id)).map((id) => stories.get(id) as Story),
    remove: [...remove].filter((id) => bank.some((story) => story.id === id)),
  };
}

/** The bank as shown: expired suggestions hidden, kept stories first, then by last telling. */
export function liveStories(bank: readonly Story[], now: number): Story[] {
  const expired = new Set(expiredSuggestions(bank, now).map((story) => story.id));
  return bank
    .filter((story) => !expired.has(story.id))
    .sort((a, b) => Number(b.kept) - Number(a.kept) || lastTold(b) - lastTold(a) || a.id.localeCompare(b.id));
}

/** Competencies no story in the bank has been told for: what the next interview should ask about. */
export function storyGaps(bank: readonly Story[]): Competency[] {
  const covered = new Set(bank.flatMap((story) => story.competencies));
  return CORE_COMPETENCIES.filter((competency) => !covered.has(competency));
}

/** A retelling joins the story: its competencies and tellings added, its parts kept if it scored better. */
function mergeStory(known: Story, telling: Story, now: number): Story {
  const tellings = [...known.tellings];
  for (const added of telling.tellings) {
    if (!tellings.some((t) => t.sessionId === added.sessionId && t.questionId === added.questionId))
      tellings.push(added);
  }
  const better = (telling.bestScore ?? -1) > (known.bestScore ?? -1);
  return {
    ...known,
    ...(better
      ? {
          situation: telling.situation,
          task: telling.task,
          action: telling.action,
          result: telling.result,
          bestScore: telling.bestScore,
          ...(known.titled ? {} : { title: telling.title }),
        }
      : {}),
    competencies: [...new Set([...known.competencies, ...telling.competencies])],
    marks: [...new Set([...known.marks, ...telling.marks])].slice(0, MAX_MARKS),
    tellings: tellings.slice(-MAX_TELLINGS),
    updatedAt: Math.max(known.updatedAt, now),
  };
}

function sameTellings(a: Story, b: Story): boolean {
  return a.tellings.length === b.tellings.length;
}

function lastTold(story: Story): number {
  return Math.max(...story.tellings.map((telling) => telling.at));
}

function expiredSuggestions(stories: readonly Story[], now: number): Story[] {
  return stories.filter((story) => !story.kept && lastTold(story) + SUGGESTION_RETENTION_MS <= now);
}

/** Stories beyond the bound: suggestions told longest ago first, then kept ones. */
function overflow(stories: readonly Story[]): Story[] {
  const excess = stories.length - MAX_STORIES;
  if (excess <= 0) return [];
  return [...stories]
    .sort((a, b) => Number(a.kept) - Number(b.kept) || lastTold(a) - lastTold(b))
    .slice(0, excess);
}

/** A story's first title: the scene-setting sentence, cut at a word after about 60 characters. */
export function titleFrom(sentence: string): string {
  return shortenAtWord(sentence.replace(/\s+/gu, " ").trim(), TITLE_CHARS) || "Untitled story";
}
