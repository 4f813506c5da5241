import type { Evaluation } from "../model/evaluation.ts";

/**
 * "Show a stronger version": the candidate's own answer laid out as a STAR story. Each part is
 * filled with the sentence the coach found showing it, copied verbatim (and only when it really is
 * in the answer, so nothing is put in the candidate's mouth); a missing part is a bracketed
 * placeholder saying what to add, and a result without a number asks for one. Nothing is invented:
 * no numbers, names or events the candidate did not give.
 */

const PARTS = ["situation", "task", "action", "result"] as const;
type Part = (typeof PARTS)[number];

const LABELS: Record<Part, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

/** What to add where the answer has nothing for a part. */
const MISSING: Record<Part, string> = {
  situation: "[where you were, your role, and when it happened]",
  task: "[what you were responsible for or trying to achieve]",
  action: '[what you personally did, step by step: "I …"]',
  result: "[what changed because of what you did, with a number]",
};

export const STRONGER_VERSION_HEADING =
  "A stronger version, built from your own sentences (the STAR scaffold: your words in order, brackets where something is missing):";

/** The scaffold's lines, or null when the answer has no assessed STAR breakdown to build on. */
export function starScaffoldLines(answerText: string, evaluation: Evaluation | null): string[] | null {
  if (!evaluation?.scorable) return null;
  return PARTS.map((part) => {
    const own = ownSentences(answerText, evaluation, part);
    const component = evaluation.star[part];
    if (own.length === 0) {
      return `${LABELS[part]}: ${component.present ? presentButUnquoted(part) : MISSING[part]}`;
    }
    const quoted = own.map((sentence) => `"${sentence}"`).join(" ");
    const number =
      part === "result" && !evaluation.quantified ? " [add a number: how much, how many, how fast]" : "";
    const yours =
      part === "action" && evaluation.flags.includes("mostly-we")
        ? ' [say what you did yourself: "I …"]'
        : "";
    return `${LABELS[part]}: ${quoted}${number}${yours}`;
  });
}

/**
 * The answer's sentences for one part: the offline coach's sentence roles when it gave them, else
 * the one sentence the coach cited. Anything not found word for word in the answer is left out.
 */
function ownSentences(answerText: string, evaluation: Evaluation, part: Part): string[] {
  const cited = evaluation.star[part].present ? [evaluation.star[part].evidence ?? ""] : [];
  const sentences = evaluation.storySentences?.[part] ?? cited;
  return sentences
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== "" && answerText.includes(sentence));
}

/** The coach saw the part but no single sentence of the answer shows it on its own. */
function presentButUnquoted(part: Part): string {
  return `[in your answer, but spread out: say the ${LABELS[part].toLowerCase()} in one clear sentence]`;
}
