import type { Competency, QuestionKind } from "../core/model/interview-vocabulary.ts";
import type { Question } from "../core/model/question.ts";

// Words that say nothing about a question's topic.
const STOPWORDS = new Set(
  "about after again also always because been before being could describe does doing example from give have into just more most much only other over should some tell than that their them then there these they this time took very want were what when where which while will with would your yours".split(
    " ",
  ),
);

const KIND_PATTERNS: readonly [QuestionKind, RegExp][] = [
  [
    "practical",
    /\b(salary|pay|package|notice period|start date|relocat|right to work|availability|hybrid)\b/i,
  ],
  [
    "motivation",
    /\b(why (do you want|this|us|our|are you|here)|what do you know about|where do you see yourself|why should we)\b/i,
  ],
  ["culture-fit", /\b(values?|culture|working style|environment|describe yourself|what motivates)\b/i],
];

/**
 * A question typed by a person (e.g. for `secondround evaluate`) turned into the shape the rubric
 * expects: the kind is inferred from its wording unless given, topic words from its content words.
 */
export function adhocQuestion(
  id: string,
  text: string,
  competency: Competency | null,
  kind?: QuestionKind,
): Question {
  const inferred = kind ?? (competency ? "behavioural" : inferKind(text));
  const topicWords = [
    ...new Set((text.toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? []).filter((word) => !STOPWORDS.has(word))),
  ].slice(0, 15);
  return { id, text: text.slice(0, 1000), kind: inferred, competency, hint: "", topicWords };
}

function inferKind(text: string): QuestionKind {
  for (const [kind, pattern] of KIND_PATTERNS) if (pattern.test(text)) return kind;
  return "behavioural";
}
