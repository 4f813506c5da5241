import type { Sentence } from "./sentences.ts";
import { hasOwnAction } from "./star-detection.ts";
import { wordList } from "./text-match.ts";

/**
 * Ownership: interviewers hire the person, not the team, so they listen for "I". Saying "we" is
 * fine for context; it is a problem when "we" dominates and the candidate's own actions are
 * hard to find ("mostly-we").
 */

export interface Ownership {
  readonly firstPersonSingular: number;
  readonly firstPersonPlural: number;
  /** Sentences in which "I" does something. */
  readonly ownActionSentences: number;
  readonly mostlyWe: boolean;
  /** 0-1, used for the ownership criterion. */
  readonly score: number;
}

const SINGULAR = new Set(wordList("i me my mine myself i'm i've i'd i'll"));
const PLURAL = new Set(wordList("we us our ours ourselves we're we've we'd we'll"));

export function measureOwnership(sentences: readonly Sentence[]): Ownership {
  let singular = 0;
  let plural = 0;
  let ownActionSentences = 0;
  for (const sentence of sentences) {
    for (const word of sentence.words) {
      if (SINGULAR.has(word)) singular += 1;
      else if (PLURAL.has(word)) plural += 1;
    }
    if (hasOwnAction(sentence)) ownActionSentences += 1;
  }
  const mostlyWe = plural >= 4 && plural >= 2 * singular && ownActionSentences <= 1;
  let score = 0;
  if (!mostlyWe) {
    if (ownActionSentences >= 2) score = 1;
    else if (ownActionSentences === 1) score = 0.6;
    else if (singular > 0) score = 0.3;
  }
  return { firstPersonSingular: singular, firstPersonPlural: plural, ownActionSentences, mostlyWe, score };
}
