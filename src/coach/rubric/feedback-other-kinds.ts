import type { AnswerAnalysis } from "./analyse-answer.ts";
import { clauseQuote } from "./quotes.ts";
import type { Sentence } from "./sentences.ts";

/**
 * Strengths and improvements for motivation, culture-fit, practical and closing questions, each
 * judged on its own criteria (prompts/rubric.md), not on STAR.
 */

const FRAGMENT_WORDS = 12;

function quote(sentence: Sentence): string {
  return `"${clauseQuote(sentence, { maxWords: FRAGMENT_WORDS })}"`;
}

export function otherStrengths(a: AnswerAnalysis): string[] {
  const k = a.kindSignals;
  const { company } = a.request.options;
  const strengths: string[] = [];
  switch (a.request.question.kind) {
    case "motivation":
      if (k.specificTie)
        strengths.push(`You tied your answer to ${company} specifically: ${quote(k.specificTie)}.`);
      if (k.experience) strengths.push(`You linked the role to your own experience: ${quote(k.experience)}.`);
      if (k.motive) strengths.push(`You gave a reason, not just a conclusion: ${quote(k.motive)}.`);
      break;
    case "culture-fit":
      if (k.example) strengths.push(`You backed the value with a real example: ${quote(k.example)}.`);
      if (k.outcome) strengths.push(`You showed what came of it: ${quote(k.outcome)}.`);
      break;
    case "practical":
      if (k.figure) strengths.push(`You gave a clear answer: ${quote(k.figure)}.`);
      if (k.reason) strengths.push(`You backed it up: ${quote(k.reason)}.`);
      break;
    case "closing":
      if (a.candidateQuestions?.quality === "strategic") strengths.push(a.candidateQuestions.feedback);
      break;
    default:
      break;
  }
  return strengths;
}

export function otherImprovements(a: AnswerAnalysis): string[] {
  const k = a.kindSignals;
  const { company, role } = a.request.options;
  const improvements: string[] = [];
  switch (a.request.question.kind) {
    case "motivation":
      if (!k.companyTie) {
        improvements.push(
          `Tie your answer to ${company} and the ${role} role specifically: what about them, not companies in general?`,
        );
      } else if (!k.specificTie) {
        improvements.push(
          `Name something specific about ${company} (a product, a customer group, a recent move) and why it matters to you.`,
        );
      }
      if (k.flattery && !k.specificTie) {
        improvements.push('Swap generic praise ("great company", "dream job") for a concrete reason.');
      }
      if (!k.experience) {
        improvements.push(
          "Link it to your own experience: what have you done that makes this role the natural next step?",
        );
      }
      if (!k.motive)
        improvements.push('Give your reasons ("because…", "what draws me is…"), not just the conclusion.');
      break;
    case "culture-fit":
      if (!k.example) {
        improvements.push(
          "Give a concrete example of the value in action: one specific time you lived it at work.",
        );
      }
      if (a.star.ownActions.length === 0)
        improvements.push('Say what you personally did in that example ("I…").');
      if (!k.outcome)
        improvements.push("Finish with what came of it: the effect on the team, the customer or you.");
      break;
    case "practical":
      if (!k.figure)
        improvements.push('Give a clear figure, range or date (e.g. "£45-50k", "four weeks\' notice").');
      if (!k.reason) {
        improvements.push(
          "Back the figure up: what is it based on (market rate, current package, your contract)?",
        );
      }
      break;
    case "closing":
      if (a.candidateQuestions && a.candidateQuestions.quality !== "strategic") {
        improvements.push(a.candidateQuestions.feedback);
      }
      break;
    default:
      break;
  }
  return improvements;
}
