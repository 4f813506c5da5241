import type { Evaluation } from "../../core/model/evaluation.ts";
import { COMPETENCY_LABELS, isStoryKind } from "../../core/model/interview-vocabulary.ts";
import { LENGTH_BANDS } from "../../core/model/length-bands.ts";
import type { Question } from "../../core/model/question.ts";
import type { ReportSummary, ReportSummaryRequest } from "../../core/ports/coach-port.ts";

/**
 * Overall strengths and improvements: patterns across answers, not a repeat of each one. Built
 * only from the evaluations, so it works the same whichever coach judged each answer.
 */

type Judged = { readonly question: Question; readonly evaluation: Evaluation };
const MAX_ITEMS = 4;
const KIND_LABELS = {
  behavioural: "a behavioural question",
  revisit: "a follow-up topic",
  motivation: "why you want the role",
  "culture-fit": "culture fit",
  practical: "the practical question",
  closing: "your questions for us",
} as const;

function topicOf(question: Question): string {
  return question.competency
    ? COMPETENCY_LABELS[question.competency].toLowerCase()
    : KIND_LABELS[question.kind];
}

const STORY_BAND = LENGTH_BANDS.behavioural;
const isStory = (j: Judged): boolean => isStoryKind(j.question.kind);
const score = (j: Judged): number => j.evaluation.score ?? 0;

export function summariseInterview(request: ReportSummaryRequest): ReportSummary {
  const all = request.evaluations;
  // The closing question is about their questions for us; it is reported separately.
  const scored = all.filter(
    (j) => j.evaluation.scorable && j.evaluation.score !== null && j.question.kind !== "closing",
  );
  const stories = scored.filter(isStory);
  const strengths: string[] = [];
  const improvements: string[] = [];

  if (scored.length > 0) {
    // Ties go to the earlier answer, so the summary is stable.
    const best = scored.reduce((top, j) => (score(j) > score(top) ? j : top));
    strengths.push(`Your strongest answer was on ${topicOf(best.question)} (${score(best)}).`);
  }
  const quantified = stories.filter((j) => j.evaluation.quantified).length;
  const withResult = stories.filter((j) => j.evaluation.star.result.present).length;
  const owned = stories.filter(
    (j) => j.evaluation.star.action.present && !j.evaluation.flags.includes("mostly-we"),
  );
  const scene = stories.filter((j) => j.evaluation.star.situation.present).length;
  if (stories.length > 0 && quantified * 2 >= stories.length) {
    strengths.push(`You put numbers on your results in ${quantified} of ${stories.length} stories.`);
  }
  if (stories.length > 0 && owned.length === stories.length) {
    strengths.push("You made your own actions clear in every story, not just what the team did.");
  }
  if (stories.length >= 2 && scene === stories.length) {
    strengths.push("You set the scene clearly every time, so each story was easy to follow.");
  }

  const noResult = stories.length - withResult;
  if (noResult > 0) {
    improvements.push(
      `Results were missing in ${noResult} of ${stories.length} stories: end each one with what changed because of you.`,
    );
  } else if (stories.length > 0 && quantified < stories.length) {
    improvements.push(
      `Only ${quantified} of ${stories.length} results had a number: add a %, time or money saved, or a count.`,
    );
  }
  const mostlyWe = stories.filter((j) => j.evaluation.flags.includes("mostly-we")).length;
  if (mostlyWe > 0) {
    improvements.push(
      `You said "we" far more than "I" in ${mostlyWe} answer(s): make your own part unmistakable.`,
    );
  }
  const otherLanguage = all.filter((j) => j.evaluation.notScorableReason === "other-language").length;
  const unscorable = all.filter((j) => !j.evaluation.scorable).length - otherLanguage;
  if (unscorable > 0) {
    improvements.push(
      `${unscorable} of ${all.length} answers could not be scored (empty, too short or off-topic): give a full answer every time.`,
    );
  }
  if (otherLanguage > 0) {
    improvements.push(
      `${otherLanguage} answer(s) were not in English, which the offline coach does not assess: answer in English, or use the AI coach.`,
    );
  }
  const manipulated = all.filter((j) =>
    j.evaluation.flags.some((f) => f === "embedded-instructions" || f === "keyword-stuffing"),
  ).length;
  if (manipulated > 0) {
    improvements.push(
      `${manipulated} answer(s) included instructions to the assessor or lists of rubric words: these are ignored and cost points.`,
    );
  }
  const tooLong = all.filter((j) => j.evaluation.flags.includes("too-long")).length;
  const tooShort = all.filter((j) => j.evaluation.flags.includes("too-short")).length;
  if (tooShort + tooLong > 0) {
    const parts = [tooShort > 0 ? `${tooShort} too short` : "", tooLong > 0 ? `${tooLong} too long` : ""];
    // Each kind has its own band; only stories share the 150-350 words.
    const flaggedKinds = all.filter((j) =>
      j.evaluation.flags.some((f) => f === "too-long" || f === "too-short"),
    );
    const aim = flaggedKinds.every((j) => isStoryKind(j.question.kind))
      ? `aim for ${STORY_BAND.idealMin}-${STORY_BAND.idealMax} words a story, about 1-2.5 minutes`
      : "each answer's feedback gives the length its kind of question needs";
    improvements.push(`Watch your length (${parts.filter(Boolean).join(", ")}): ${aim}.`);
  }
  const filler = all.filter((j) => j.evaluation.flags.includes("heavy-filler")).length;
  if (filler > 0) improvements.push(`Cut filler words ("um", "basically") in ${filler} answer(s).`);
  if (scored.length >= 2) {
    const worst = scored.reduce((low, j) => (score(j) < score(low) ? j : low));
    if (score(worst) < 75) {
      improvements.push(
        `Your weakest answer was on ${topicOf(worst.question)} (${score(worst)}): rehearse that one.`,
      );
    }
  }
  if (all.length === 0) improvements.push("No answers were given, so there is nothing to assess yet.");
  return { strengths: strengths.slice(0, MAX_ITEMS), improvements: improvements.slice(0, MAX_ITEMS) };
}
