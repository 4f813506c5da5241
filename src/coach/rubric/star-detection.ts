import { hasQuantity } from "./quantification.ts";
import type { Sentence } from "./sentences.ts";
import {
  ACTION_VERBS,
  I_FORMS,
  NON_ACTION_ED,
  RESULT_PHRASES,
  RESULT_VERBS,
  SITUATION_CUES,
  SITUATION_PATTERN,
  SKIPPABLE_BEFORE_VERB,
  TASK_CUES,
  TASK_PATTERN,
  WE_FORMS,
} from "./story-cues.ts";
import { phraseRegex } from "./text-match.ts";

/**
 * STAR detection. Only "counted" sentences are passed in (real sentences, no stuffing, no
 * instructions), and each component is a yes/no with one piece of evidence, so repeating a cue
 * can never earn a component twice.
 */

export interface StarDetection {
  readonly situation: Sentence | null;
  readonly task: Sentence | null;
  /** The first sentence in which the candidate ("I") acts. */
  readonly action: Sentence | null;
  readonly result: Sentence | null;
  /** Sentences where the candidate ("I") does something. */
  readonly ownActions: readonly Sentence[];
  /** Sentences where "we" does something. */
  readonly teamActions: readonly Sentence[];
  /** A result sentence that carries a measurement, if any. */
  readonly quantifiedResult: Sentence | null;
}

const SITUATION = phraseRegex(SITUATION_CUES);
const TASK = phraseRegex(TASK_CUES);
const RESULT_PHRASE = phraseRegex(RESULT_PHRASES);
// "had risen" is background and "to reduce" is a goal; only a completed change is an outcome.
const RESULT_VERB = new RegExp(
  String.raw`(?<!(?:^|\s)(?:had|had been|to|would|could|should|will|must)\s)(?<![\p{L}\p{N}'])(?:${RESULT_VERBS.join("|")})(?![\p{L}\p{N}])`,
  "u",
);

export function isActionVerb(word: string): boolean {
  if (ACTION_VERBS.has(word)) return true;
  return word.length >= 5 && word.endsWith("ed") && !NON_ACTION_ED.has(word);
}

/** Does someone in `subjects` ("I" or "we") do something in this sentence? */
function actsIn(sentence: Sentence, subjects: ReadonlySet<string>): boolean {
  const { words } = sentence;
  for (let i = 0; i < words.length; i += 1) {
    if (!subjects.has(words[i] ?? "")) continue;
    for (let j = i + 1; j < Math.min(words.length, i + 4); j += 1) {
      const word = words[j] ?? "";
      if (isActionVerb(word)) return true;
      if (!SKIPPABLE_BEFORE_VERB.has(word) && !word.endsWith("ly")) break;
    }
  }
  return false;
}

export function hasOwnAction(sentence: Sentence): boolean {
  return actsIn(sentence, I_FORMS);
}

export function hasTeamAction(sentence: Sentence): boolean {
  return actsIn(sentence, WE_FORMS);
}

export function isSituation(sentence: Sentence): boolean {
  return SITUATION.test(sentence.lower) || SITUATION_PATTERN.test(sentence.lower);
}

export function isTask(sentence: Sentence): boolean {
  return TASK.test(sentence.lower) || TASK_PATTERN.test(sentence.lower);
}

export function hasResultPhrase(sentence: Sentence): boolean {
  return RESULT_PHRASE.test(sentence.lower);
}

export function isResult(sentence: Sentence): boolean {
  return hasResultPhrase(sentence) || RESULT_VERB.test(sentence.lower);
}

export function detectStar(sentences: readonly Sentence[]): StarDetection {
  const ownActions = sentences.filter(hasOwnAction);
  const teamActions = sentences.filter((s) => !hasOwnAction(s) && hasTeamAction(s));
  const firstAction = [...ownActions, ...teamActions].reduce((min, s) => Math.min(min, s.index), Infinity);
  // The result is what happened after the candidate acted; a number in the set-up is context.
  const storyStart = Number.isFinite(firstAction) ? firstAction : (sentences[1]?.index ?? Infinity);
  const results = sentences.filter((s) => s.index >= storyStart && isResult(s));
  const quantified = results.filter(hasQuantity);
  const result =
    quantified.find(hasResultPhrase) ??
    quantified[0] ??
    results.find(hasResultPhrase) ??
    results.at(-1) ??
    null;
  return {
    situation: sentences.find(isSituation) ?? null,
    task: sentences.find(isTask) ?? null,
    // The action component is what the candidate did personally; "we did" earns partial credit only.
    action: ownActions[0] ?? null,
    result,
    ownActions,
    teamActions,
    quantifiedResult: quantified.find(hasResultPhrase) ?? quantified[0] ?? null,
  };
}
