import type { CoachFailure } from "../model/errors.ts";
import type { InterviewOptions } from "../model/interview-options.ts";
import { PERSONA_LABELS, type QuestionKind } from "../model/interview-vocabulary.ts";
import { judgeLength, lengthAim } from "../model/length-bands.ts";
import { MAX_ANSWER_CHARS, MAX_MESSAGE_CHARS } from "../model/sanitize-text.ts";
import type { DocumentProblem, DocumentSummary } from "../ports/document-reader.ts";
import { preparationChecklistText } from "./preparation-copy.ts";

/** All fixed wording the candidate sees, in one place so it reads consistently. */

const STAGE_LABELS = { first: "first-round", second: "second-round", final: "final-round" } as const;

export const COMMAND_HELP =
  "Type your answer in as many messages as you like, then press Submit (or send /submit). " +
  "Commands: /submit, /skip, /repeat, /hint (a STAR outline for this question), /pause, /resume, /end (finish early and get feedback), /status, /help.";

export function introText(options: InterviewOptions, candidateName: string, coachLabel: string): string {
  const probeNote =
    options.probeLimit > 0
      ? " I may ask a follow-up when an answer leaves something out, just like a real panel."
      : "";
  // A second or final round opens with what to have ready: things a candidate can still act on.
  const checklist = preparationChecklistText(options);
  return (
    `Hi ${candidateName}, thanks for coming in. I'm ${PERSONA_LABELS[options.persona]} at ${options.company}, ` +
    `and this is your ${STAGE_LABELS[options.stage]} interview for the ${options.role} role. ` +
    `I have ${options.questionCount} question${options.questionCount === 1 ? "" : "s"} for you, then time for your questions.${probeNote}\n\n` +
    (checklist ? `${checklist}\n\n` : "") +
    `${COMMAND_HELP}\n\n${options.mode === "practice" ? practiceIntro(coachLabel) : `Feedback comes at the end, from the ${coachLabel}.`}`
  );
}

/** Practice mode says up front what happens after each answer. */
function practiceIntro(coachLabel: string): string {
  return (
    `This is a practice interview: after each answer you get short feedback from the ${coachLabel}, ` +
    "and can try the question again (/retry), see a stronger version of your answer (/stronger) or go on (/next). The full report comes at the end."
  );
}

export function questionHeading(index: number, total: number): string {
  return `Question ${index + 1} of ${total}`;
}

export function closingQuestionText(options: InterviewOptions): string {
  return `That's all from me. Before we wrap up: do you have any questions for us about the ${options.role} role or ${options.company}?`;
}

export const CLOSING_HINT =
  "Ask one or two questions that show you are thinking about doing the job well: the team's biggest challenge this year, " +
  "what success looks like in the first 90 days, how the role contributes to the company's plans. " +
  "Keep holidays, pay and perks for when an offer is on the table.";

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** The same length judgement as the report's, worded for the moment the answer is recorded. */
export function lengthAdvice(kind: QuestionKind, words: number): string {
  switch (judgeLength(kind, words)) {
    case "too-short":
    case "short":
      return `That's short for this question: ${lengthAim(kind)}.`;
    case "long":
    case "too-long":
      return `That's long: ${lengthAim(kind)} so the key points land.`;
    case "ideal":
      return "A good length.";
  }
}

export function answerRecordedText(kind: QuestionKind, words: number, seconds: number): string {
  return `Answer recorded: ${words} words in ${formatDuration(seconds)}. ${lengthAdvice(kind, words)}`;
}

export const NOTICES = {
  nothingToSubmit:
    "There's nothing to submit yet: type your answer first, then press Submit (or send /submit).",
  alreadyAnswered: "That question has already been answered, so this was not recorded again.",
  notYourInterview: "This interview belongs to someone else; start your own with /interview.",
  skipped:
    "Skipped. No problem: in a real interview, say you'd like to come back to it rather than staying silent.",
  paused: "Paused. The clock has stopped; send /resume (or just carry on typing) when you're ready.",
  resumed: "Welcome back, the clock is running again.",
  notPaused: "The interview isn't paused.",
  alreadyPaused: "The interview is already paused; send /resume when you're ready.",
  endingEarly: "Ending the interview here. I'll put together feedback on what you've answered so far.",
  finishedThanks: "Thank you, that's the end of the interview. Putting your feedback together now.",
  alreadyRunning:
    "You already have an interview in progress here. Carry on answering, send /status to see where you are, or /end to finish it and get feedback.",
  invalidOptions: (problems: string) => `Those interview options don't work: ${problems}`,
  preparing: "One moment, I'm still preparing the questions.",
  waitForCoach: "Got it, one moment while I read your answer.",
  practiceOnly:
    "Try again, a stronger version and Next question come after an answer's feedback, in practice mode. In this interview, feedback comes at the end.",
  interviewOver: "This interview has finished. Start a new one with /interview whenever you like.",
  planningFailed:
    "Sorry, I couldn't prepare the questions just now. Please try starting the interview again in a minute.",
  evaluationDelayed:
    "I couldn't assess one of your answers just now; it is marked as not assessed in your report rather than guessed.",
  tooLong: (chars: number) =>
    `That message is ${chars.toLocaleString("en-GB")} characters, over the ${MAX_MESSAGE_CHARS.toLocaleString("en-GB")}-character limit, so it was not added. ` +
    "Interview answers land best at 150-350 words; please send a shorter version.",
  answerFull: `Your answer has reached the ${MAX_ANSWER_CHARS.toLocaleString("en-GB")}-character limit, so that message was not added. Submit what you have with /submit.`,
  emptyMessage:
    "I can only read text here, and that message had none. Type your answer, or /help for commands.",
  /**
   * While the store is down, what the candidate sent is not recorded. Each says both halves: what
   * they gave before is safe, and exactly what to do again (and when).
   */
  notSaved:
    "SecondRound is temporarily unavailable: your answers so far are safe, but that message was not recorded. Please send it again in a minute.",
  pressNotSaved:
    "SecondRound is temporarily unavailable: your answers so far are safe, but that button press was not recorded. Please press it again in a minute.",
  commandNotDone:
    "SecondRound is temporarily unavailable: your answers so far are safe, but nothing was changed. Please try the command again in a minute.",
  /**
   * The store came back from a crash with older state than the candidate was shown (an
   * acknowledged change was not yet on disk): say exactly what to do, then re-show the prompt.
   */
  progressLost: (questionLabel: string) =>
    `Sorry, a storage failure on my side lost your most recent progress: your last answer was not saved. We're back at ${questionLabel}; please send your answer to it again.`,
  /** Said once per flood of messages; the ones refused were not recorded. */
  slowDown: (seconds: number) =>
    `You're sending messages faster than I can read them, so I didn't record your last few. Please wait ${seconds} seconds, then send the rest of your answer again.`,
  editsNotApplied:
    "Edits and deletions aren't applied to your answer: what you first sent is what counts. To add or correct something, send it as a new message before you submit.",
  filesNotRead:
    "I only read typed text as answers, so the attached file was not used. Paste the relevant text into a message instead.",
  unknownCommand: (command: string) =>
    `I don't know the command /${command}, so nothing was recorded. ${COMMAND_HELP}`,
} as const;

export function resumedText(questionLabel: string, draftWords: number): string {
  const draft =
    draftWords > 0
      ? ` Your answer so far (${draftWords} words) is saved: carry on, or /submit it.`
      : " Nothing typed for it yet.";
  return `Picking up where we left off, at ${questionLabel}.${draft}`;
}

const DOCUMENT_PROBLEMS: Record<DocumentProblem, string> = {
  "too-large": "it is larger than the 5 MB limit",
  "unsupported-type": "it is not a PDF, Word (.docx), text or Markdown file",
  markup:
    "it is a web page or other marked-up file (HTML, XML or RTF), whatever its name says, not a PDF, Word (.docx), text or Markdown file. Save it as a PDF, or copy its text into a .txt file",
  "too-many-pages": "it has more than 20 pages",
  encrypted: "it is password-protected",
  corrupt: "it looks damaged and could not be read",
  "expands-too-much":
    "it is a Word file that would unpack to far more than any document needs (over 20 MB, or over 100 times its own size), so it was not opened. Save it again from Word, or as a PDF",
  timeout: "reading it took too long",
  "out-of-memory": "reading it needed too much memory",
  empty: "no text could be found in it",
  unavailable: "my file reader could not start in time (a problem on my side, not with your file)",
};

/** "I can't use your CV (cv.pdf): it is password-protected." */
export function documentProblemText(label: string, fileName: string, problem: DocumentProblem): string {
  const next =
    problem === "unavailable"
      ? "please try again in a few minutes, or without it"
      : "please try again with another file, or without it";
  return `I can't use your ${label} (${fileName}): ${DOCUMENT_PROBLEMS[problem]}. Nothing was started; ${next}.`;
}

/** What was understood from a CV, so the candidate can see it before questions are based on it. */
export function documentSummaryText(summary: DocumentSummary, truncated: boolean): string {
  const list = (items: readonly string[]) => (items.length > 0 ? items.slice(0, 5).join("; ") : "none found");
  const cut = truncated ? "\nYour CV is long; only its first 50,000 characters are used." : "";
  return `From your CV I understood:\n  Roles: ${list(summary.roles)}\n  Projects: ${list(summary.projects)}\n  Skills: ${list(summary.skills)}${cut}`;
}

/** Why the offline coach stood in, as the candidate reads it: the real reason, never a guess. */
const STAND_IN_REASONS: Record<CoachFailure, string> = {
  unavailable: "The AI coach was unavailable",
  timeout: "The AI coach did not answer in time",
  "rate-limited": "The AI coach's provider was limiting requests",
  "invalid-output": "The AI coach's reply did not pass our checks",
  refused: "The AI coach declined the request",
  misconfigured: "The AI coach is not set up correctly",
  "circuit-open": "The AI coach is paused after repeated provider failures",
};

/** What the offline coach produced in the AI coach's place. */
export type StandInWork = "answer" | "candidate-questions" | "summary" | "stronger-version";

const STAND_IN_WORK: Record<StandInWork, string> = {
  answer: "the offline coach assessed this answer",
  "candidate-questions": "the offline coach assessed your questions",
  summary: "the offline coach wrote this summary",
  "stronger-version": "here is the offline coach's STAR scaffold of your own sentences instead",
};

/** "The AI coach did not answer in time, so the offline coach assessed this answer." */
export function standInText(failure: CoachFailure, work: StandInWork): string {
  return `${STAND_IN_REASONS[failure]}, so ${STAND_IN_WORK[work]}.`;
}

/** Said before the first question when some or all of the plan came from the question bank. */
export function plannedFromBankText(failure: CoachFailure, fromBank: number, total: number): string {
  const which =
    fromBank >= total
      ? "today's questions come from the built-in question bank"
      : `${fromBank} of today's ${total} questions come from the built-in question bank`;
  return `${STAND_IN_REASONS[failure]}, so ${which}.`;
}
