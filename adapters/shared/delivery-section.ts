import { formatDuration } from "../../src/core/interview/copy.ts";
import { deliveryNote } from "../../src/core/interview/delivery-copy.ts";
import type { Report } from "../../src/core/model/report.ts";
import type { Pace } from "../../src/core/model/voice.ts";

// The shapes of report-sections.ts's blocks, fields and sections, written out here because that
// module lists this section among its own (importing its types back would make a cycle).
type Block = { readonly kind: "text"; readonly text: string };
type DeliverySection = {
  readonly kind: "delivery";
  readonly title: string;
  readonly intro: readonly Block[];
  readonly fields: readonly [];
  readonly note: string;
};

const PACE_LABELS: Record<Pace, string> = { "too-slow": "slow", good: "a good pace", "too-fast": "fast" };

/**
 * "Delivery", when any answer was spoken: speaking time, pace, fillers and long pauses over every
 * spoken answer, and one tip. Each spoken question carries its own note (deliveryNote). None when
 * every answer was typed.
 */
export { deliveryNote };

export function deliverySection(report: Report): DeliverySection[] {
  const summary = report.delivery;
  if (!summary) return [];
  const answers = summary.spokenAnswers === 1 ? "1 question" : `${summary.spokenAnswers} questions`;
  const intro: Block[] = [
    text(
      `You answered ${answers} aloud: ${formatDuration(Math.round(summary.speakingSeconds))} of speaking in all.`,
    ),
    text(`Pace: ${summary.wordsPerMinute} words a minute, ${PACE_LABELS[summary.pace]}.`),
    text(`Fillers: ${summary.fillersPer100Words} per 100 words.`),
    text(`Long pauses (over 2 seconds): ${summary.longPauses}.`),
    text(`Tip: ${summary.tip}`),
  ];
  return [
    {
      kind: "delivery",
      title: "Delivery",
      intro,
      fields: [],
      note: "Measured from the transcripts' timing; the audio itself is not kept.",
    },
  ];
}

function text(value: string): Block {
  return { kind: "text", text: value };
}
