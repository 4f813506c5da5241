import type { AnswerAnalysis } from "./analyse-answer.ts";
import { findQuantities } from "./quantification.ts";
import { clauseQuote, startsWithI, startsWithSubject, startsWithWe } from "./quotes.ts";
import type { Sentence } from "./sentences.ts";
import { isReflection } from "./star-detection.ts";

/**
 * Strengths and improvements for STAR questions. Each one cites what was found (a short verbatim
 * fragment) or says exactly what was missing and how to add it.
 */

const MAX_WORDS = 14;
const WE = /(?<![\p{L}\p{N}'])we(?![\p{L}\p{N}])/u;
const hasNumber = (lower: string): boolean => findQuantities(lower).length > 0;
const quote = (sentence: Sentence, where?: (lower: string) => boolean): string =>
  `"${clauseQuote(sentence, where ? { maxWords: MAX_WORDS, where } : { maxWords: MAX_WORDS })}"`;

export function starStrengths(a: AnswerAnalysis): string[] {
  const { star, ownership } = a;
  const strengths: string[] = [];
  if (star.quantifiedResult) {
    strengths.push(`Your result is quantified: ${quote(star.quantifiedResult, hasNumber)}.`);
  } else if (star.result) {
    strengths.push(`You ended with an outcome: ${quote(star.result, startsWithSubject)}.`);
  }
  const [firstOwn] = star.ownActions;
  if (firstOwn && star.ownActions.length >= 2 && !ownership.mostlyWe) {
    strengths.push(
      `You made your own part clear, with ${star.ownActions.length} things you did yourself, e.g. ` +
        `${quote(firstOwn, startsWithI)}.`,
    );
  }
  if (star.situation) strengths.push(`You set the scene: ${quote(star.situation)}.`);
  if (star.task) strengths.push(`You said what you were there to achieve: ${quote(star.task)}.`);
  return strengths;
}

/**
 * The last sentence after the candidate's actions that is neither another action nor a lesson:
 * where a result would be, told in words the rubric did not recognise as one.
 */
function possibleOutcome(a: AnswerAnalysis): Sentence | null {
  const firstAction = a.star.ownActions[0]?.index ?? a.star.teamActions[0]?.index;
  if (firstAction === undefined) return null;
  const own = new Set(a.star.ownActions.map((s) => s.index));
  const later = a.counted.filter((s) => s.index > firstAction && !own.has(s.index) && !isReflection(s));
  return later.at(-1) ?? null;
}

export function starImprovements(a: AnswerAnalysis): string[] {
  const { star, ownership } = a;
  const improvements: string[] = [];
  if (!star.result) {
    // Unsure is not absent: if the story ends on something that may be its outcome, ask about it.
    const ending = possibleOutcome(a);
    improvements.push(
      ending
        ? `Was the result ${quote(ending)}? Say it as the outcome: what changed because of what you did, ideally with a number.`
        : "Add the outcome: what changed because of what you did, ideally with a number.",
    );
  } else if (!star.quantifiedResult) {
    improvements.push(
      `Put a number on your result: ${quote(star.result, startsWithSubject)} would land harder with a ` +
        "percentage, time or money saved, or a count of people or tickets.",
    );
  }
  if (ownership.mostlyWe) {
    const weSentence = star.teamActions[0] ?? a.counted.find((s) => WE.test(s.lower));
    const example = weSentence ? ` (e.g. ${quote(weSentence, startsWithWe)})` : "";
    const times = (n: number): string => (n === 0 ? "not at all" : n === 1 ? "once" : `${n} times`);
    improvements.push(
      `Make your own contribution clear: you said "we" ${times(ownership.firstPersonPlural)} and "I" ` +
        `${times(ownership.firstPersonSingular)}${example}. Say what you personally did ("I rewrote…", "I called…").`,
    );
  } else if (star.ownActions.length === 0) {
    improvements.push(
      'Spell out what you personally did, step by step, using "I" ("I set up…", "I spoke to…"): the action is ' +
        "the biggest part of the score.",
    );
  }
  if (!star.situation) {
    improvements.push(
      "Open with the situation in a sentence or two: where you were working, your role, and when it happened.",
    );
  }
  if (!star.task) {
    improvements.push('Say what you were responsible for or trying to achieve ("My goal was to…").');
  }
  return improvements;
}
