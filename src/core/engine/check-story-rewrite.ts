import { countWords } from "../model/sanitize-text.ts";
import type { StarStory } from "../ports/coach-port.ts";
import { cleanCoachText, type InstructionDetector } from "./clean-coach-text.ts";

/**
 * "Show a stronger version" with the AI coach: the rewrite may reorder and tighten the candidate's
 * story, never add to it. This check does not trust the prompt: every number, date and proper name
 * in the rewrite must be one the candidate gave. An invented one is replaced by a placeholder for
 * the candidate to fill in; a rewrite that cannot be put right (wording addressed to someone else,
 * links or mentions, told about "the candidate", far too long, a fact that cannot be pinned down)
 * is refused, and the offline scaffold of the candidate's own sentences is shown instead.
 */

/**
 * A fact in a text, where it is (for a number, the number itself: "[number] days", "£[number]"),
 * and its form for comparison ("30%" for "30 %" and "thirty per cent").
 */
export interface TextFact {
  readonly kind: "number" | "date" | "name";
  /** Comparable forms of the fact's parts; a fact is the candidate's when all of them are. */
  readonly keys: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** Finds the numbers, dates and proper names of a text (the English model's entities, in src/coach). */
export type FactFinder = (text: string) => readonly TextFact[];

export const PLACEHOLDERS: Readonly<Record<TextFact["kind"], string>> = {
  number: "[number]",
  date: "[date]",
  name: "[name]",
};

/** The rewrite is asked for in at most 180 words; a little more is tolerated, a lot is not a rewrite. */
export const MAX_STORY_WORDS = 220;
/** Longest text one STAR part may keep (the session stores up to 1,200 characters a part). */
const MAX_PART_CHARS = 1_000;

/** Added to a result that gives no number, when the model left its placeholder out. */
export const RESULT_NUMBER_PLACEHOLDER = "[number: how much, how many or how fast]";

const STORY_PARTS = ["situation", "task", "action", "result"] as const;

export interface StoryRules {
  /** The candidate's answer, as the coach was given it. */
  readonly answerText: string;
  readonly findFacts: FactFinder;
  readonly isInstruction: InstructionDetector;
}

export type StoryCheck =
  | { readonly ok: true; readonly story: StarStory; readonly replaced: number }
  | { readonly ok: false; readonly problem: string };

/** The rewrite made safe and factual, or why it cannot be shown. */
export function checkStoryRewrite(story: StarStory, rules: StoryRules): StoryCheck {
  // Measured before any cleaning clips it: a reply far over the length asked for is not a rewrite.
  const words = countWords(STORY_PARTS.map((part) => story[part]).join(" "));
  if (words > MAX_STORY_WORDS) return refused(`${words} words, over ${MAX_STORY_WORDS}`);
  const cleaned: Record<string, string> = {};
  for (const part of STORY_PARTS) {
    // The parts are labelled when shown; a model that labels them too would say it twice.
    const unlabelled = story[part].replace(/^\s*(?:situation|task|action|result)\s*[:\-–]\s*/iu, "");
    const text = cleanCoachText(unlabelled, {
      maxChars: MAX_PART_CHARS,
      candidateText: rules.answerText,
      isInstruction: rules.isInstruction,
    });
    if (text === null || text.trim() === "") return refused(`the ${part} is empty or hostile`);
    cleaned[part] = text;
  }
  const whole = STORY_PARTS.map((part) => cleaned[part]).join(" ");
  const person = personProblem(whole);
  if (person) return refused(person);

  const given = givenFacts(rules.answerText, rules.findFacts);
  let replaced = 0;
  const checked: Record<string, string> = {};
  for (const part of STORY_PARTS) {
    const text = cleaned[part] ?? "";
    const invented = rules.findFacts(text).filter((fact) => !isGiven(fact, given));
    replaced += invented.length;
    const fixed = withPlaceholders(text, invented);
    // Whatever is still not the candidate's could not be pinned to a place in the text.
    const facts = rules.findFacts(fixed);
    const left = facts.filter((fact) => !isGiven(fact, given));
    const loose = [...fixed.matchAll(/\d[\d,.]*/gu)].filter(
      (match) =>
        !given.digits.has(bare(match[0])) &&
        !facts.some((fact) => fact.start <= match.index && match.index < fact.end),
    );
    if (left.length > 0 || loose.length > 0)
      return refused(`an invented fact in the ${part} could not be located`);
    checked[part] = fixed;
  }
  const result = checked.result ?? "";
  const counted =
    /\[number\b/u.test(result) || rules.findFacts(result).some((fact) => fact.kind === "number");
  return {
    ok: true,
    replaced,
    story: {
      situation: checked.situation ?? "",
      task: checked.task ?? "",
      action: checked.action ?? "",
      // A result without a number asks for one, whatever the model did with the placeholder.
      result: counted ? result : `${result} ${RESULT_NUMBER_PLACEHOLDER}`,
    },
  };
}

function refused(problem: string): StoryCheck {
  return { ok: false, problem };
}

/**
 * The story is the candidate's, told by them: written about "the candidate", or to them ("you"),
 * it is not a version they can say in an interview.
 */
function personProblem(text: string): string | null {
  if (/\b(?:the|this) (?:candidate|interviewee|applicant|jobseeker)\b/iu.test(text))
    return 'written about "the candidate", not in their voice';
  const own = text.match(/\b(?:I|me|my|mine|myself|I'm|I've|I'd|I'll)\b/gu)?.length ?? 0;
  const yours = text.match(/\b(?:you|your|yours|yourself)\b/giu)?.length ?? 0;
  if (own === 0) return 'not in the first person ("I")';
  if (yours > own) return 'addressed to the candidate ("you"), not in their voice';
  return null;
}

interface GivenFacts {
  readonly keys: ReadonlySet<string>;
  /** Every word of the answer, lower-case: a name is the candidate's when its words are. */
  readonly words: ReadonlySet<string>;
  readonly digits: ReadonlySet<string>;
}

function givenFacts(answerText: string, findFacts: FactFinder): GivenFacts {
  return {
    keys: new Set(findFacts(answerText).flatMap((fact) => fact.keys)),
    words: new Set(answerText.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’&.-]*/gu) ?? []),
    digits: new Set((answerText.match(/\d[\d,.]*/gu) ?? []).map(bare)),
  };
}

/** "2,000." and "2000" are the same number. */
function bare(number: string): string {
  return number.replace(/[.,]+$/u, "").replaceAll(",", "");
}

function isGiven(fact: TextFact, given: GivenFacts): boolean {
  if (fact.kind === "name") return fact.keys.every((key) => given.words.has(key));
  return fact.keys.every((key) => given.keys.has(key));
}

/** Each invented fact's words replaced by its placeholder, from the end so offsets stay true. */
function withPlaceholders(text: string, invented: readonly TextFact[]): string {
  let fixed = text;
  for (const fact of [...invented].sort((a, b) => b.start - a.start)) {
    fixed = `${fixed.slice(0, fact.start)}${PLACEHOLDERS[fact.kind]}${fixed.slice(fact.end)}`;
  }
  return fixed;
}
