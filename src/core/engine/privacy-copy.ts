import type { MemberExport } from "../model/member-export.ts";
import type { MemberErasure } from "./member-privacy.ts";

/** How long each kind of a member's data is kept, as the deployment is configured. */
export interface RetentionFigures {
  /** Interviews (questions, answers, feedback, CV and job description): after their last change. */
  readonly interviewsMs: number;
  /** Round-1 logs: after the member's last change to any of them. */
  readonly roundOneLogsMs: number;
  /** Progress entries (dates and scores only): after the latest finished interview. */
  readonly progressMs: number;
  /** The story bank: after the member's last change to it (suggestions never kept go sooner). */
  readonly storiesMs: number;
  /** A suggested story nobody kept: after it was last told. */
  readonly storySuggestionsMs: number;
  /** Records of background work (which interview, which task): after the work is done. */
  readonly jobRecordsMs: number;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The figures in a community with its own retention period: each kind of data is kept no longer
 * than the period (a shorter figure stays as it is). Records of background work keep theirs: they
 * go with their interviews, and otherwise within hours.
 */
export function communityRetentionFigures(
  deployment: RetentionFigures,
  retentionDays: number | undefined,
): RetentionFigures {
  if (retentionDays === undefined) return deployment;
  const period = retentionDays * DAY_MS;
  return {
    interviewsMs: Math.min(deployment.interviewsMs, period),
    roundOneLogsMs: Math.min(deployment.roundOneLogsMs, period),
    progressMs: Math.min(deployment.progressMs, period),
    storiesMs: Math.min(deployment.storiesMs, period),
    storySuggestionsMs: Math.min(deployment.storySuggestionsMs, period),
    jobRecordsMs: deployment.jobRecordsMs,
  };
}

/** The buttons `/interview privacy` shows, and the confirmation step's, on every platform. */
export const PRIVACY_BUTTONS = {
  export: "Export my data",
  delete: "Delete my data",
  confirmDelete: "Yes, delete everything",
  cancel: "Cancel",
} as const;

/** `/interview privacy`: what is kept about the member in this community, and for how long. */
export function privacyOverviewText(retention: RetentionFigures, community: string): string {
  return [
    `**What SecondRound keeps about you in this ${community}**`,
    `• Your interviews: the questions, your answers word for word, the feedback and report, and any CV or job description you gave. Kept ${duration(retention.interviewsMs)} after an interview's last change.`,
    `• Your round-1 logs (\`/interview log\`). Kept ${duration(retention.roundOneLogsMs)} after you last change one.`,
    `• Your progress history: dates, roles, companies and scores only, no answers. Kept ${duration(retention.progressMs)} after your latest finished interview.`,
    `• Your story bank (\`/interview stories\`): the stories you told, in your own sentences, with their competencies and best scores. Kept ${duration(retention.storiesMs)} after your last change; a suggested story you never kept goes ${duration(retention.storySuggestionsMs)} after you last told it.`,
    `• Records of background work on your interviews (which interview, which step). Gone within ${duration(retention.jobRecordsMs)} after the work is done.`,
    "Your answers are never written to the bot's logs.",
    `**${PRIVACY_BUTTONS.export}** sends you all of it as a JSON file, privately. **${PRIVACY_BUTTONS.delete}** erases all of it here, after you confirm; other members' interviews are not affected.`,
  ].join("\n");
}

/** The confirmation step before erasure: what goes, and that it cannot be undone. */
export function eraseWarningText(community: string): string {
  return [
    `**Delete everything SecondRound keeps about you in this ${community}?**`,
    "Your interviews (including one still running, which stops at once), feedback, round-1 logs, progress history and story bank are erased for good. This cannot be undone; export your data first if you want a copy.",
  ].join("\n");
}

export const ERASE_CANCELLED_TEXT = "Nothing was deleted.";

export const NOT_YOUR_BUTTONS_TEXT =
  "These buttons belong to the member who asked. Use `/interview privacy` for your own data.";

/** After the erasure: what went, in counts only. */
export function erasureDoneText(erasure: MemberErasure): string {
  const parts = [
    count(erasure.interviews, "interview"),
    count(erasure.roundOneLogs, "round-1 log"),
    count(erasure.progressEntries, "progress entry", "progress entries"),
    ...(erasure.stories > 0 ? [count(erasure.stories, "story", "stories")] : []),
  ];
  const done = `Deleted: ${parts.join(", ")}. SecondRound keeps nothing else about you here.`;
  return erasure.complete
    ? done
    : `${done} A background step for one of your interviews was still running; its last record is removed automatically within a few minutes.`;
}

/** What an export holds, in counts. */
export function exportSummaryText(data: MemberExport): string {
  return [
    count(data.interviews.length, "interview"),
    count(data.roundOneLogs.length, "round-1 log"),
    count(data.progress.length, "progress entry", "progress entries"),
    ...(data.stories.length > 0 ? [count(data.stories.length, "story", "stories")] : []),
  ].join(", ");
}

/** The export's message: what the file is. */
export function exportReadyText(fileName: string): string {
  return `Here is everything SecondRound keeps about you here, as JSON (${fileName}). Only you can see this.`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "30 days", "1 year", "25 hours": the largest whole unit. */
export function duration(ms: number): string {
  const hours = ms / 3_600_000;
  const days = hours / 24;
  if (days >= 365 && days % 365 === 0) return count(days / 365, "year");
  if (days >= 1 && Number.isInteger(days)) return count(days, "day");
  return count(Math.round(hours), "hour");
}
