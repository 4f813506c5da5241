import type { Question } from "../../core/model/question.ts";
import type { RoundOneLog } from "../../core/model/round-one-log.ts";
import { sanitizeText } from "../../core/model/sanitize-text.ts";
import type { PlanQuestionsRequest } from "../../core/ports/coach-port.ts";
import { revisitCount, roundOneRevisits } from "../round-one-revisits.ts";

/** The round-1 log as the plan prompt's <round_one_log> data (the library neutralises its tags). */
export function roundOneForPrompt(log: RoundOneLog | undefined): string {
  if (!log) return "(none: nothing is known about the first round)";
  const entries = log.entries.map((entry, index) =>
    [
      `${index + 1}. Question: ${sanitizeText(entry.question)}`,
      `   Candidate's notes: ${entry.notes ? sanitizeText(entry.notes) : "(none)"}`,
      `   How it went: ${entry.howItWent ?? "not said"}`,
    ].join("\n"),
  );
  const about = [log.role && `role ${sanitizeText(log.role)}`, log.date && `date ${sanitizeText(log.date)}`]
    .filter(Boolean)
    .join(", ");
  return [`Round 1 with ${sanitizeText(log.company)}${about ? ` (${about})` : ""}:`, ...entries].join("\n");
}

/** The round-1 revisits that open a later round when there is a log (none otherwise). */
export function plannedRevisits(request: PlanQuestionsRequest): Question[] {
  const { roundOne, options } = request;
  if (!roundOne || options.stage === "first") return [];
  return roundOneRevisits(roundOne, options, revisitCount(roundOne, options.questionCount));
}
