import { hostileKindsIn } from "../interview/hostile-markup.ts";
import type { InterviewOptions } from "../model/interview-options.ts";
import type { QuestionKind, Stage } from "../model/interview-vocabulary.ts";
import type { Question } from "../model/question.ts";
import { claimsRoundOneMemory } from "../model/round-one-claims.ts";
import { sanitizeText } from "../model/sanitize-text.ts";
import type { InstructionDetector } from "./clean-coach-text.ts";

/** A question is read aloud in one breath; the question bank holds itself to the same bound. */
export const MAX_QUESTION_CHARS = 300;
const MIN_QUESTION_CHARS = 10;
const MAX_HINT_CHARS = 600;

/** Rounds each kind belongs to, as in the question bank: no salary talk or revisits in a first round. */
const KIND_STAGES: Record<Exclude<QuestionKind, "closing">, readonly Stage[]> = {
  behavioural: ["first", "second", "final"],
  motivation: ["first", "second", "final"],
  "culture-fit": ["first", "second", "final"],
  practical: ["second", "final"],
  revisit: ["second", "final"],
};

/** How an interviewer opens a prompt that is not phrased as a question. */
const PROMPT_OPENERS =
  /^(?:tell me|tell us|describe|walk me through|walk us through|talk me through|talk us through|take me through|give me an example|give an example|share an example|explain|outline)\b/iu;

export interface PlanCheck {
  /** The questions that passed, in the order given, at most the promised number. */
  readonly accepted: readonly Question[];
  /** What was wrong, worded so it can be sent back to the model when re-asking. */
  readonly problems: readonly string[];
}

/**
 * Checks a coach's question plan before anyone sees it: the promised count, each question one
 * bounded sentence or prompt that reads as a question, free of links, mentions, markup and
 * instructions, and of a kind that belongs in this round. Failing questions are named, not fixed.
 */
export function checkPlannedQuestions(
  questions: readonly Question[],
  options: InterviewOptions,
  isInstruction: InstructionDetector,
): PlanCheck {
  const problems: string[] = [];
  const accepted: Question[] = [];
  const seen = new Set<string>();
  questions.forEach((given, index) => {
    const question = normalisedQuestion(given);
    const problem = questionProblem(question, options, isInstruction, seen);
    if (problem === null) {
      seen.add(normalised(question.text));
      if (accepted.length < options.questionCount) accepted.push(question);
    } else {
      problems.push(`Question ${index + 1} ${problem}.`);
    }
  });
  if (questions.length !== options.questionCount) {
    problems.push(`Write exactly ${options.questionCount} questions; the plan had ${questions.length}.`);
  }
  return { accepted, problems };
}

function questionProblem(
  question: Question,
  options: InterviewOptions,
  isInstruction: InstructionDetector,
  seen: ReadonlySet<string>,
): string | null {
  const text = question.text;
  if (question.kind === "closing") return "is the closing question, which is added separately";
  if (text.length < MIN_QUESTION_CHARS || text.length > MAX_QUESTION_CHARS) {
    return `must be ${MIN_QUESTION_CHARS}-${MAX_QUESTION_CHARS} characters (it has ${text.length})`;
  }
  if (/\n/u.test(text)) return "must be one line";
  const hostile = [...hostileKindsIn(text, ""), ...hostileKindsIn(question.hint, "")];
  if (hostile.length > 0) return `must not contain ${[...new Set(hostile)].join(" or ")} syntax`;
  if (isInstruction(text) || isInstruction(question.hint)) return "must not give instructions to anyone";
  if (!readsAsQuestion(text)) {
    return 'must end with a question mark or be a prompt such as "Tell me about…" or "Walk me through…"';
  }
  if (!KIND_STAGES[question.kind].includes(options.stage)) {
    return `is a ${question.kind} question, which does not belong in a ${options.stage}-round interview`;
  }
  if ((question.kind === "behavioural" || question.kind === "revisit") && question.competency === null) {
    return `is a ${question.kind} question without the core competency it assesses`;
  }
  if (question.hint.length > MAX_HINT_CHARS) return `has a hint over ${MAX_HINT_CHARS} characters`;
  // Only a question built from the candidate's round-1 log may speak of what they said in round 1.
  if (question.revisits === undefined && claimsRoundOneMemory(text)) {
    return 'must not speak as if you remember round 1 ("you mentioned…", "last time…"); word it as a new question ("Think of a time…")';
  }
  if (seen.has(normalised(text))) return "repeats an earlier question";
  return null;
}

/** Ends like a question, or its last sentence is an interviewer's prompt ("…. Walk me through it."). */
function readsAsQuestion(text: string): boolean {
  if (/\?["'”’)]?$/u.test(text)) return true;
  const sentences = text.split(/(?<=[.!?])\s+/u);
  const last = sentences[sentences.length - 1] ?? "";
  return PROMPT_OPENERS.test(last) && /[.…]$/u.test(last);
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/\W+/gu, " ").trim();
}

/**
 * Invisible characters removed before anything is judged; motivation and practical questions are
 * not scored on a competency; topic words are single words.
 */
function normalisedQuestion(question: Question): Question {
  const competency =
    question.kind === "motivation" || question.kind === "practical" ? null : question.competency;
  const topicWords = question.topicWords.filter((word) => /^[\p{L}\p{N}'-]{1,40}$/u.test(word));
  return {
    ...question,
    text: sanitizeText(question.text),
    hint: sanitizeText(question.hint),
    competency,
    topicWords,
  };
}
