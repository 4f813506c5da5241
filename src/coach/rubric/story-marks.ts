import type { AnswerRequest } from "../../core/ports/coach-port.ts";
import { analyseAnswer } from "./analyse-answer.ts";
import { COMMON_WORDS } from "./common-words.ts";
import { stem } from "./text-match.ts";

/** Enough to recognise an episode; a long answer's later words add little. */
const MAX_MARKS = 60;

/**
 * Parts of speech that name the episode: what, who, where, how much. Verbs are left out: "organise",
 * "decide", "handle" recur across anyone's stories, and leaving them out separated retellings
 * from different episodes better on the development half of the labelled pairs.
 */
const NAMING = new Set(["NOUN", "PROPN", "NUM", "ADJ"]);

/**
 * The answer's distinctive words, as a set of marks two tellings of one episode share even when
 * worded differently ("the warehouse move in March" and "when we relocated the warehouse"):
 * lemmas of nouns, names, numbers and adjectives, crudely stemmed so "migrations" meets
 * "migration", with everyday words (common-words.ts) and the question's own topic words left out,
 * since every answer to "a time you led a team" says "team" and "lead". Numbers keep their digits
 * ("#40"), so "40%" and "40 per cent" meet. Deterministic, measured for either coach.
 *
 * Read from the rubric's analysis of the answer (its sentences' tokens), which the evaluation and
 * the preparation checklist have already made and remembered, so the English model reads each
 * answer once.
 */
export function storyMarks(request: AnswerRequest): string[] {
  const topic = new Set(request.question.topicWords.map((word) => stem(word.toLowerCase())));
  const marks = new Set<string>();
  for (const token of analyseAnswer(request).sentences.flatMap((sentence) => sentence.tokens)) {
    if (marks.size >= MAX_MARKS) break;
    const mark = markOf(token.lemma, token.pos);
    if (mark && !topic.has(mark)) marks.add(mark);
  }
  return [...marks];
}

function markOf(lemma: string, pos: string): string | null {
  if (!NAMING.has(pos)) return null;
  const digits = lemma.replace(/[^\p{N}]/gu, "");
  if (pos === "NUM" || (digits.length > 0 && digits.length === lemma.replace(/[.,%£$€k]/gu, "").length))
    return digits.length > 0 ? `#${digits}` : null;
  const word = lemma.normalize("NFKC").replace(/[^\p{L}\p{N}'-]/gu, "");
  if (word.length < 3 || COMMON_WORDS.has(word)) return null;
  return stem(word).slice(0, 40);
}
