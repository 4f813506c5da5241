import type { InterviewOptions } from "../model/interview-options.ts";
import type { PreparationCheck } from "../model/preparation.ts";

/**
 * The wording of the second-round preparation checklist: the short list in the opening message of
 * a second or final round, and in the report one line per item saying what to prepare when the
 * answers did not show it. Every platform uses these words, so the checklist reads the same in
 * Discord, Slack and the terminal.
 */

/** Questions that show a candidate thinking about doing the job well (the closing hint's examples). */
const STRATEGIC_EXAMPLES =
  "the team's biggest challenge this year, what success looks like in the first 90 days, where the company is heading";

/**
 * The checklist in the opening message: things to do before answering, short enough to read in a
 * chat message. A first round has none: its candidates are still deciding whether to apply.
 */
export function preparationChecklistText(options: InterviewOptions): string | null {
  if (options.stage === "first") return null;
  return [
    `Before we start, your ${options.stage === "final" ? "final" : "second"}-round checklist:`,
    `- Research ${options.company}: recent news, the latest annual report or results, its competitors and why ${options.company} over them, and who is on the panel.`,
    "- Numbers ready: your salary range, your notice period, the date you could start.",
    `- Two or three questions for the panel: ${STRATEGIC_EXAMPLES}.`,
    "Your report will show which of these your answers covered.",
  ].join("\n");
}

/** One line on an item the answers did not show: what to have ready next time. */
export function preparationAdvice(check: PreparationCheck, company: string): string {
  switch (check.item) {
    case "why-this-company":
      return `Not shown. Prepare one specific reason for ${company} over its competitors, said as a comparison: "Unlike [competitor], you …".`;
    case "company-research":
      return `Not shown. Read ${company}'s latest results or annual report and recent news, and name one fact (a launch, a number, a plan) in an answer.`;
    case "salary-range":
      return 'Not shown. Have a range ready with a reason, for example "45-50k, in line with similar roles", from job ads and salary surveys.';
    case "notice-period":
      return `Not shown. Check your contract and say it plainly: "I'm on one month's notice."`;
    case "start-date":
      return 'Not shown. Know the earliest date you could start and say it: "I could start on [date]."';
    case "panel-questions":
      return panelQuestionsAdvice(check.questionsQuality);
  }
}

function panelQuestionsAdvice(quality: PreparationCheck["questionsQuality"]): string {
  const prepare = `Prepare two or three strategic ones: ${STRATEGIC_EXAMPLES}.`;
  switch (quality) {
    case "basic":
      return `Basic questions only. ${prepare}`;
    case "benefits-first":
      return `You led with pay or perks; keep those for the offer. ${prepare}`;
    case "not-assessed":
      return `Your questions could not be assessed. ${prepare}`;
    case "not-reached":
      return `The interview ended before your questions for the panel. ${prepare}`;
    default:
      return `You asked no questions. ${prepare}`;
  }
}
