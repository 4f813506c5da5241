import type { ReportQuestion } from "../model/report.ts";
import { topFillersOf } from "../model/spoken-timing-lists.ts";
import type { DeliverySummary } from "../model/voice.ts";
import { DELIVERY_TIPS } from "./delivery-copy.ts";
import { ratesOf, type SpokenTotals, sharedTip } from "./delivery-measures.ts";

/**
 * The report's delivery over every spoken answer: rates pooled over all the speech (a long answer
 * weighs more than a short one), and one tip for the whole interview: pace, fillers or pauses
 * when one of them holds across the answers, else what went well. Undefined when nothing was
 * spoken, so a typed interview's report is unchanged.
 */
export function deliverySummary(questions: readonly ReportQuestion[]): DeliverySummary | undefined {
  const spoken = questions.flatMap((question) => (question.delivery ? [question.delivery] : []));
  if (spoken.length === 0) return undefined;
  const totals: SpokenTotals = {
    speakingMs: spoken.reduce((sum, delivery) => sum + Math.round(delivery.speakingSeconds * 1000), 0),
    words: spoken.reduce((sum, delivery) => sum + delivery.words, 0),
    fillers: spoken.reduce((sum, delivery) => sum + delivery.fillers, 0),
    topFillers: topFillersOf(spoken.map((delivery) => delivery.topFillers)),
    hedges: spoken.reduce((sum, delivery) => sum + delivery.hedges, 0),
    longPauses: spoken.reduce((sum, delivery) => sum + delivery.longPauses, 0),
    longestPauseMs: spoken.reduce(
      (longest, delivery) => Math.max(longest, Math.round(delivery.longestPauseSeconds * 1000)),
      0,
    ),
  };
  const rates = ratesOf(totals);
  return {
    spokenAnswers: spoken.length,
    speakingSeconds: rates.speakingSeconds,
    wordsPerMinute: rates.wordsPerMinute,
    pace: rates.pace,
    fillersPer100Words: rates.fillersPer100Words,
    longPauses: totals.longPauses,
    tip:
      sharedTip(totals) ??
      DELIVERY_TIPS.summaryGood(
        spoken.length,
        rates.wordsPerMinute,
        rates.fillersPer100Words,
        totals.longPauses,
      ),
  };
}
