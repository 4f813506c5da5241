import type { Evidence, StarBreakdown } from "../../core/model/evaluation.ts";
import type { AnswerAnalysis } from "./analyse-answer.ts";
import { quoteOf } from "./quotes.ts";
import type { Sentence } from "./sentences.ts";

/**
 * Verbatim quotes that back the judgement. Every quote is a slice of the original answer (see
 * sentences.ts), so candidates can see exactly what earned credit.
 */

const MAX_EVIDENCE = 4;

function component(sentence: Sentence | null): StarBreakdown["situation"] {
  return sentence ? { present: true, evidence: quoteOf(sentence) } : { present: false, evidence: null };
}

export function starBreakdown(a: AnswerAnalysis | null): StarBreakdown {
  const star = a?.star;
  return {
    situation: component(star?.situation ?? null),
    task: component(star?.task ?? null),
    action: component(star?.action ?? null),
    result: component(star?.result ?? null),
  };
}

function labelledSentences(a: AnswerAnalysis): [Sentence | null, string][] {
  const { star, kindSignals: k } = a;
  switch (a.request.question.kind) {
    case "behavioural":
    case "revisit":
      return [
        [star.situation, "situation"],
        [star.task, "task"],
        [star.ownActions[0] ?? star.action, "action"],
        [star.quantifiedResult ?? star.result, star.quantifiedResult ? "quantified result" : "result"],
      ];
    case "motivation":
      return [
        [
          k.specificTie ?? k.companyTie,
          k.specificTie ? "specific tie to the company" : "ties to the company",
        ],
        [k.experience, "own experience"],
        [k.motive, "reason"],
      ];
    case "culture-fit":
      return [
        [k.example, "example"],
        [star.ownActions[0] ?? null, "own action"],
        [k.outcome, "outcome"],
      ];
    case "practical":
      return [
        [k.figure, "clear figure or date"],
        [k.reason, "justification"],
      ];
    case "closing":
      return a.spoken
        .filter((s) => a.candidateQuestions?.questions.includes(s.text))
        .map((s) => [s, "question"]);
  }
}

/** Up to four quotes; one sentence showing two things is quoted once with both labels. */
export function buildEvidence(a: AnswerAnalysis): Evidence[] {
  const bySentence = new Map<number, { sentence: Sentence; labels: string[] }>();
  for (const [sentence, label] of labelledSentences(a)) {
    if (!sentence) continue;
    const entry = bySentence.get(sentence.index) ?? { sentence, labels: [] };
    entry.labels.push(label);
    bySentence.set(sentence.index, entry);
  }
  return [...bySentence.values()]
    .sort((x, y) => x.sentence.index - y.sentence.index)
    .slice(0, MAX_EVIDENCE)
    .map(({ sentence, labels }) => ({ quote: quoteOf(sentence), shows: labels.join(" and ") }));
}
