import type { StarBreakdown } from "../model/evaluation.ts";
import type { AnswerPart } from "../model/session.ts";
import type { DeliveryMeasures } from "../model/voice.ts";

/**
 * The share of a spoken story's time spent on each STAR part. The coach cites one sentence per
 * part; each part is taken to run from the start of its sentence to the start of the next part
 * found (or the end of the answer), read across the answer's parts in order, and those character
 * ranges become time through the spans kept with each part. Shares are of all the answer's
 * timed speech, so time before the first cited sentence belongs to no part. A rough map, not a
 * transcript analysis: it trusts the coach's sentences and the order the candidate told them in.
 */

type StarPart = keyof StarBreakdown;
type Share = NonNullable<DeliveryMeasures["starShare"]>;

const STAR_PARTS: readonly StarPart[] = ["situation", "task", "action", "result"];

interface Place {
  readonly part: StarPart;
  readonly partIndex: number;
  readonly char: number;
}

/** Null when fewer than two STAR parts were found in the answer, or it has no timed speech. */
export function starShareOf(parts: readonly AnswerPart[], star: StarBreakdown): Share | null {
  const places = STAR_PARTS.flatMap((part): Place[] => {
    const component = star[part];
    const place = component.present && component.evidence ? locate(parts, component.evidence) : null;
    return place ? [{ part, ...place }] : [];
  }).sort((a, b) => a.partIndex - b.partIndex || a.char - b.char);
  if (places.length < 2) return null;
  const total = parts.reduce(
    (sum, _part, index) => sum + timeOf(parts, index, 0, Number.POSITIVE_INFINITY),
    0,
  );
  if (total <= 0) return null;
  const share: Share = { situation: 0, task: 0, action: 0, result: 0 };
  places.forEach((place, index) => {
    const next = places[index + 1];
    const end = next ?? { partIndex: parts.length - 1, char: Number.POSITIVE_INFINITY };
    share[place.part] = twoDecimals(Math.min(1, rangeTime(parts, place, end) / total));
  });
  return share;
}

/** The first part whose text holds the sentence, and where; whitespace and case may differ. */
function locate(parts: readonly AnswerPart[], sentence: string): { partIndex: number; char: number } | null {
  const words = sentence.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map(escapeRegex).join(String.raw`\s+`), "iu");
  for (const [partIndex, part] of parts.entries()) {
    const found = pattern.exec(part.text);
    if (found) return { partIndex, char: found.index };
  }
  return null;
}

/** Speech time from one place to another, possibly across parts. */
function rangeTime(
  parts: readonly AnswerPart[],
  from: { partIndex: number; char: number },
  to: { partIndex: number; char: number },
): number {
  if (from.partIndex === to.partIndex) return timeOf(parts, from.partIndex, from.char, to.char);
  let time = timeOf(parts, from.partIndex, from.char, Number.POSITIVE_INFINITY);
  for (let index = from.partIndex + 1; index < to.partIndex; index += 1) {
    time += timeOf(parts, index, 0, Number.POSITIVE_INFINITY);
  }
  return time + timeOf(parts, to.partIndex, 0, to.char);
}

/**
 * The time of characters [from, to) of one part: each span's time shared out evenly over its
 * characters. Typed text has no spans and takes no time.
 */
function timeOf(parts: readonly AnswerPart[], partIndex: number, from: number, to: number): number {
  const spans = parts[partIndex]?.spoken?.spans ?? [];
  let time = 0;
  for (const [charStart, charEnd, startMs, endMs] of spans) {
    const overlap = Math.min(charEnd, to) - Math.max(charStart, from);
    if (overlap <= 0 || charEnd <= charStart) continue;
    time += (Math.max(0, endMs - startMs) * overlap) / (charEnd - charStart);
  }
  return time;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

function twoDecimals(value: number): number {
  return Math.round(value * 100) / 100;
}
