import { readableUtcTime } from "../model/calendar-periods.ts";

/** The refusal when a member has started the community's daily number of interviews. */
export function dailyLimitText(limit: number, resetsAt: number): string {
  const interviews = limit === 1 ? "1 interview" : `${limit} interviews`;
  return `This community allows ${interviews} per member per day, and you have started ${limit === 1 ? "it" : "them all"} today. You can start another from ${readableUtcTime(resetsAt)}.`;
}
