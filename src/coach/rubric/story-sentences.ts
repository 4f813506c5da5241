import type { StorySentences } from "../../core/model/evaluation.ts";
import type { AnswerAnalysis } from "./analyse-answer.ts";
import type { Sentence } from "./sentences.ts";

/** At most this many sentences per STAR part: a scaffold, not the whole answer again. */
const PER_PART = 4;

/**
 * The answer's sentences by the roles the rubric gave them, verbatim, for practice mode's stronger
 * version. A sentence appears once: the situation and the result keep theirs, the action is every
 * other sentence in which the candidate (or, failing that, their team) did something.
 */
export function storySentences(a: AnswerAnalysis): StorySentences {
  const { star } = a;
  const situation = star.situation ? [star.situation] : [];
  const task = star.task && star.task !== star.situation ? [star.task] : [];
  const result = [star.result, star.quantifiedResult].filter(
    (sentence, index, all): sentence is Sentence =>
      sentence !== null && all.indexOf(sentence) === index && !situation.includes(sentence),
  );
  const taken = new Set([...situation, ...task, ...result].map((sentence) => sentence.index));
  const doers = star.ownActions.length > 0 ? star.ownActions : star.teamActions;
  const action = doers.filter((sentence) => !taken.has(sentence.index));
  const texts = (sentences: readonly Sentence[]) =>
    [...sentences]
      .sort((x, y) => x.index - y.index)
      .slice(0, PER_PART)
      .map((sentence) => sentence.text);
  return { situation: texts(situation), task: texts(task), action: texts(action), result: texts(result) };
}
