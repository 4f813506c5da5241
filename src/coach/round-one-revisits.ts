import type { InterviewOptions } from "../core/model/interview-options.ts";
import { CORE_COMPETENCIES, type Competency } from "../core/model/interview-vocabulary.ts";
import type { Question } from "../core/model/question.ts";
import { entriesByNeed, type RoundOneEntry, type RoundOneLog } from "../core/model/round-one-log.ts";
import { shortenAtWord } from "../core/model/shorten-at-word.ts";
import { COMMON_WORDS } from "./rubric/common-words.ts";
import { themeHits } from "./rubric/competency-themes.ts";
import { findQuantities } from "./rubric/quantification.ts";
import { stem } from "./rubric/text-match.ts";

/** A question is read aloud in one breath: the plan checks hold every question to 300 characters. */
const MAX_TEXT = 300;
const MAX_ROUND_ONE_QUESTION = 80;
const MIN_QUOTE = 40;

/**
 * How many of the interview's questions revisit the log: every logged question if the interview is
 * long enough, but never more than half of it, so the round still asks something new.
 */
export function revisitCount(log: RoundOneLog, questionCount: number): number {
  return Math.min(log.entries.length, Math.max(1, Math.ceil(questionCount / 2)), questionCount);
}

/**
 * Second-round questions built on the candidate's round-1 log, the one that went badly first: each
 * quotes what the candidate noted (verbatim, in quotation marks, shortened with "…" when long) and
 * asks for the depth the notes lack: a measured result when they have no number, the candidate's
 * own part when they only say "we", otherwise the reasoning and what they would change.
 */
export function roundOneRevisits(log: RoundOneLog, options: InterviewOptions, count: number): Question[] {
  const used = new Set<Competency>();
  return entriesByNeed(log)
    .slice(0, count)
    .map(({ entry, index }) => {
      const competency = competencyOf(entry, used);
      used.add(competency);
      return {
        id: `round-one-${index + 1}`,
        text: revisitText(entry),
        kind: "revisit",
        competency,
        hint: revisitHint(entry, options),
        topicWords: topicWordsOf(entry),
        revisits: entry,
      };
    });
}

type Gap = "numbers" | "own-action" | "depth";

/** What the notes leave out, in the order an interviewer would press for it. */
export function notesGap(notes: string): Gap {
  if (findQuantities(notes.toLowerCase()).length === 0) return "numbers";
  if (!/\b(?:I|I'm|I've|I'd|me|my)\b/u.test(notes)) return "own-action";
  return "depth";
}

const ASK: Record<Gap, string> = {
  numbers: "What was the result, and how did you measure it?",
  "own-action": "Which part of that did you do yourself, and what did it lead to?",
  depth: "Take me one level deeper: how did you decide, and what would you change now?",
};

function revisitText(entry: RoundOneEntry): string {
  const lead = entry.howItWent === "badly" ? "You felt this one went badly, so let's go back to it. " : "";
  const asked = shortenAtWord(entry.question, MAX_ROUND_ONE_QUESTION);
  if (entry.notes.length === 0) {
    return `${lead}Round 1 asked "${asked}". Take me through your answer again with the detail you'd add now: what did you do, and what was the result?`;
  }
  const ask = ASK[notesGap(entry.notes)];
  // A quote that ends its own sentence needs no full stop after the quotation mark.
  const frame = (quote: string) =>
    `${lead}Round 1 asked "${asked}" and your notes say: "${quote}"${/[.!?…]$/u.test(quote) ? "" : "."} ${ask}`;
  const room = MAX_TEXT - frame("").length;
  return frame(shortenAtWord(firstSentence(entry.notes), Math.max(MIN_QUOTE, room)));
}

function revisitHint(entry: RoundOneEntry, options: InterviewOptions): string {
  const gap = entry.notes ? notesGap(entry.notes) : "depth";
  const add: Record<Gap, string> = {
    numbers: "a result you can measure (time, money, people, a percentage) and how you know it",
    "own-action": "what you did yourself, in the first person, beside what the team did",
    depth: "how you weighed the options, what you learned and what you would do differently",
  };
  return `Tell the same story as in round 1, consistently (the same numbers, dates and roles), and add what it lacked: ${add[gap]}. Situation and task briefly, then your actions, then the result, and why it matters for ${options.role} at ${options.company}.`.slice(
    0,
    600,
  );
}

/** The competency the round-1 question was about, by its themes; an unused one when unclear. */
function competencyOf(entry: RoundOneEntry, used: ReadonlySet<Competency>): Competency {
  const hits = themeHits(wordsOf(entry).map(stemless));
  const ranked = [...CORE_COMPETENCIES].sort((a, b) => hits[b] - hits[a]);
  const best = ranked[0];
  if (best !== undefined && hits[best] > 0 && !used.has(best)) return best;
  return CORE_COMPETENCIES.find((competency) => !used.has(competency)) ?? best ?? "initiative";
}

/** Theme cues are dictionary forms; a plural or past tense is near enough for this guess. */
function stemless(word: string): string {
  return word.replace(/(?:ed|s)$/u, "");
}

function topicWordsOf(entry: RoundOneEntry): string[] {
  const words = wordsOf(entry)
    .filter((word) => word.length >= 4 && word.length <= 40 && !COMMON_WORDS.has(word))
    .map(stem);
  return [...new Set(words)].slice(0, 15);
}

function wordsOf(entry: RoundOneEntry): string[] {
  return `${entry.question} ${entry.notes}`
    .toLowerCase()
    .split(/[^\p{L}'-]+/u)
    .filter((word) => word.length > 0);
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/su.exec(text);
  return (match?.[0] ?? text).trim();
}
