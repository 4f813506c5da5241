import { readableDate, readableUtcTime } from "../model/calendar-periods.ts";
import type { CommunitySettings } from "../model/community-settings.ts";
import { DEFAULT_QUESTIONS } from "../model/interview-options.ts";
import {
  EMPHASIS_PARTS,
  emphasisOf,
  isDefaultEmphasis,
  type RubricEmphasis,
} from "../model/rubric-emphasis.ts";
import type { TokenMeterReading } from "../model/token-meter.ts";

/** The refusal when a member has started the community's daily number of interviews. */
export function dailyLimitText(limit: number, resetsAt: number): string {
  const interviews = limit === 1 ? "1 interview" : `${limit} interviews`;
  return `This community allows ${interviews} per member per day, and you have started ${limit === 1 ? "it" : "them all"} today. You can start another from ${readableUtcTime(resetsAt)}.`;
}

/** The refusal for a member who is not one of the community's admins; nothing was changed. */
export const NOT_AN_ADMIN_TEXT =
  "Only this community's admins can see or change SecondRound's settings. Nothing was changed.";

/** Where a deployment keeps no community settings. */
export const SETTINGS_UNAVAILABLE_TEXT = "Community settings are not kept by this SecondRound deployment.";

/** An import or change that was refused: every problem, and that nothing changed. */
export function settingsProblemsText(problems: readonly string[]): string {
  return ["Nothing was changed. Fix these and try again:", ...problems.map((problem) => `• ${problem}`)].join(
    "\n",
  );
}

/** The community's token meter as admins read it: "12,345 of 200,000 tokens (6%) used in 2026-12". */
export function tokenMeterText(meter: TokenMeterReading): string {
  const used = meter.used.toLocaleString("en-GB");
  const resets = `resets ${readableDate(meter.resetsAt)}`;
  if (meter.budget === null)
    return `AI coach tokens this month (${meter.month}): ${used}, no budget set (${resets}).`;
  const percent = Math.min(100, Math.floor((meter.used / meter.budget) * 100));
  const state = meter.used >= meter.budget ? "; budget used up, the offline coach is assessing" : "";
  return `AI coach tokens this month (${meter.month}): ${used} of ${meter.budget.toLocaleString("en-GB")} (${percent}%)${state}; ${resets}.`;
}

/** The community's settings in a few lines: each field, or what it is by default. */
export function settingsSummaryText(settings: CommunitySettings, meter: TokenMeterReading): string {
  const extra = settings.extraQuestions ?? [];
  const lines = [
    "**SecondRound settings for this community**",
    `• Interviews per member per day: ${settings.interviewsPerMemberPerDay ?? "no limit"}`,
    `• AI coach: ${settings.aiCoach === false ? "off (the offline coach does every interview)" : "on"}`,
    `• Monthly AI token budget: ${settings.monthlyTokenBudget?.toLocaleString("en-GB") ?? "none"}`,
    `• ${tokenMeterText(meter)}`,
    `• Extra questions: ${extra.length === 0 ? "none" : `${extra.length} (${extra.map((entry) => entry.id).join(", ")})`}`,
    `• Competencies to cover by default: ${settings.competencies?.join(", ") ?? "a balanced mix"}`,
    `• Default round: ${settings.defaultStage ?? "first"}; interviewer: ${settings.defaultPersona ?? "hiring-manager"}; questions: ${settings.defaultQuestionCount ?? DEFAULT_QUESTIONS}`,
    `• Interview threads (Discord): ${settings.threads ?? "as the deployment sets (DISCORD_THREAD_TYPE)"}`,
    `• Members' data kept: ${settings.retentionDays === undefined ? "as long as the deployment keeps it (see /interview privacy)" : `at most ${settings.retentionDays === 1 ? "1 day" : `${settings.retentionDays} days`} after its last change`}`,
    `• Score emphasis: ${emphasisText(settings.rubricEmphasis)}`,
  ];
  return lines.join("\n");
}

/** "results ×2, delivery ×0.5 (the rest ×1)", or "as shipped" when nothing is weighted. */
export function emphasisText(emphasis: RubricEmphasis | undefined): string {
  if (isDefaultEmphasis(emphasis)) return "as shipped (every part ×1)";
  const weighted = EMPHASIS_PARTS.filter((part) => emphasisOf(emphasis, part) !== 1).map(
    (part) => `${part} ×${emphasisOf(emphasis, part)}`,
  );
  return weighted.length === EMPHASIS_PARTS.length
    ? weighted.join(", ")
    : `${weighted.join(", ")} (the rest ×1)`;
}
