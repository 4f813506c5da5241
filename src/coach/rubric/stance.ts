import type { Sentence } from "./sentences.ts";
import { clausesOf } from "./star-detection.ts";
import { phraseList, phraseRegex } from "./text-match.ts";

/**
 * How much of an answer is evidence and how much is claim. Interviewers discount "I'm a natural
 * leader", "I work well under pressure" and "I would talk to them" because nothing happened in
 * them; they are measured from the clauses (present-tense or hypothetical statements by the
 * candidate, with no past event), not from a list of stock phrases.
 */

export interface Stance {
  /** Share of sentences that only claim or generalise ("I always…", "I'm a…"): nothing happened. */
  readonly genericShare: number;
  /** Share of sentences about what the candidate would do. */
  readonly hypotheticalShare: number;
  /** "I can't think of a time", "I haven't really…": the candidate declines the premise. */
  readonly declined: Sentence | null;
}

const DECLINED = phraseRegex(
  phraseList(`can't think of a time | cannot think of a time | can't really think of | haven't really |
  have not really | never really had | i don't think i've | i don't think i have | can't remember a time |
  not really been | i haven't been in | i have never been in | i've never been in | i've never really`),
);

export function measureStance(sentences: readonly Sentence[]): Stance {
  let generic = 0;
  let hypothetical = 0;
  for (const sentence of sentences) {
    const clauses = clausesOf(sentence).filter((c) => c.agent === "i" || c.agent === "we");
    if (clauses.length === 0) continue;
    const dated = sentence.tokens.some((t) => t.entity === "DATE" || t.entity === "TIME");
    if (clauses.some((c) => c.mode === "hypothetical") || /^\W*if\b/u.test(sentence.lower)) hypothetical += 1;
    else if (!dated && clauses.every((c) => !c.past)) generic += 1;
  }
  const n = Math.max(1, sentences.length);
  return {
    genericShare: generic / n,
    hypotheticalShare: hypothetical / n,
    declined: sentences.find((s) => DECLINED.test(s.lower)) ?? null,
  };
}
