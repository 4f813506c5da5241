import type { InterviewOptions } from "../model/interview-options.ts";

/**
 * How many follow-up probes the interview may ask, after the difficulty: a supportive panel asks at
 * most one, gently; a tough panel may probe every story question (still once each); standard keeps
 * the chosen limit. Probes switched off (0) stay off whatever the difficulty.
 */
export function probeLimitOf(options: InterviewOptions): number {
  if (options.probeLimit === 0) return 0;
  if (options.difficulty === "supportive") return 1;
  if (options.difficulty === "tough") return Math.max(options.probeLimit, options.questionCount);
  return options.probeLimit;
}
