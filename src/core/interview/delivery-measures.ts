import { isStoryKind, type QuestionKind } from "../model/interview-vocabulary.ts";
import { judgeLength, LENGTH_BANDS } from "../model/length-bands.ts";
import type { Answer, AnswerPart } from "../model/session.ts";
import { topFillersOf } from "../model/spoken-timing-lists.ts";
import { type DeliveryMeasures, PACE_BANDS, type Pace } from "../model/voice.ts";
import { AIM_WORDS_PER_MINUTE, DELIVERY_TIPS, spokenAim } from "./delivery-copy.ts";
import { starShareOf } from "./star-share.ts";

/**
 * How a spoken answer was delivered, from the timing kept with its parts: pace, fillers, pauses,
 * length, and for a story the share of the time each STAR part took. Pure arithmetic on stored
 * counts; the words themselves were measured when the clip was transcribed.
 */

/** Fillers above this rate are heavy: the same line the rubric draws for a typed answer. */
export const HEAVY_FILLERS_PER_100 = 5;
/** Below this much speech, a words-a-minute figure is noise: a ten-word answer is over before it has a pace. */
export const MIN_SPEECH_FOR_PACE_MS = 10_000;
/** A pause longer than this is worth a tip even alone. */
export const VERY_LONG_PAUSE_MS = 6_000;
/** A story with at least this share on the situation and less than ACTION_TOO_LITTLE on the action. */
export const SITUATION_TOO_MUCH = 0.4;
export const ACTION_TOO_LITTLE = 0.3;

/** The pooled counts a tip is chosen from, for one answer or the whole interview. */
export interface SpokenTotals {
  readonly speakingMs: number;
  readonly words: number;
  readonly fillers: number;
  readonly topFillers: readonly [string, number][];
  readonly hedges: number;
  readonly longPauses: number;
  readonly longestPauseMs: number;
}

export function deliveryOf(answer: Answer, kind: QuestionKind): DeliveryMeasures | undefined {
  const spokenParts = answer.parts.filter((part) => part.spoken);
  if (spokenParts.length === 0) return undefined;
  const totals = totalsOf(answer.parts);
  const rates = ratesOf(totals);
  const starShare =
    isStoryKind(kind) && answer.evaluation ? starShareOf(answer.parts, answer.evaluation.star) : null;
  const measures: Omit<DeliveryMeasures, "tip"> = {
    speakingSeconds: rates.speakingSeconds,
    words: totals.words,
    wordsPerMinute: rates.wordsPerMinute,
    pace: rates.pace,
    fillers: totals.fillers,
    fillersPer100Words: rates.fillersPer100Words,
    topFillers: topFillersOf([totals.topFillers]),
    longPauses: totals.longPauses,
    longestPauseSeconds: rates.longestPauseSeconds,
    hedges: totals.hedges,
    starShare,
    length: judgeLength(kind, totals.words),
  };
  return { ...measures, tip: answerTip(totals, kind, starShare) };
}

/** The spoken counts of some answer parts, added up (typed parts add nothing). */
export function totalsOf(parts: readonly AnswerPart[]): SpokenTotals {
  const spoken = parts.flatMap((part) => (part.spoken ? [part.spoken] : []));
  return {
    speakingMs: spoken.reduce((sum, timing) => sum + timing.speakingMs, 0),
    words: spoken.reduce((sum, timing) => sum + timing.words, 0),
    fillers: spoken.reduce((sum, timing) => sum + timing.fillers, 0),
    topFillers: topFillersOf(spoken.map((timing) => timing.topFillers)),
    hedges: spoken.reduce((sum, timing) => sum + timing.hedges, 0),
    longPauses: spoken.reduce((sum, timing) => sum + timing.longPauses.length, 0),
    longestPauseMs: spoken.reduce((longest, timing) => Math.max(longest, ...timing.longPauses), 0),
  };
}

export interface DeliveryRates {
  readonly speakingSeconds: number;
  readonly wordsPerMinute: number;
  readonly pace: Pace;
  readonly fillersPer100Words: number;
  readonly longestPauseSeconds: number;
}

/** Words a minute of speaking time; 0 when nothing was said. */
export function wordsPerMinuteOf(words: number, speakingMs: number): number {
  return speakingMs > 0 ? Math.round(words / (speakingMs / 60_000)) : 0;
}

export function ratesOf(totals: SpokenTotals): DeliveryRates {
  const wordsPerMinute = wordsPerMinuteOf(totals.words, totals.speakingMs);
  return {
    speakingSeconds: oneDecimal(totals.speakingMs / 1000),
    wordsPerMinute,
    pace: paceOf(wordsPerMinute),
    fillersPer100Words: totals.words > 0 ? oneDecimal((totals.fillers / totals.words) * 100) : 0,
    longestPauseSeconds: oneDecimal(totals.longestPauseMs / 1000),
  };
}

export function paceOf(wordsPerMinute: number): Pace {
  if (wordsPerMinute < PACE_BANDS.slowBelow) return "too-slow";
  if (wordsPerMinute > PACE_BANDS.fastAbove) return "too-fast";
  return "good";
}

/**
 * The one tip that would help most, in order: a pace the panel cannot follow, fillers, long
 * silences, a slow pace, then (a story) too little time on the action, then the length against the
 * band spoken at a natural pace. Otherwise what went well, with the figures.
 */
function answerTip(
  totals: SpokenTotals,
  kind: QuestionKind,
  starShare: DeliveryMeasures["starShare"],
): string {
  const shared = sharedTip(totals);
  if (shared) return shared;
  if (starShare && starShare.situation >= SITUATION_TOO_MUCH && starShare.action < ACTION_TOO_LITTLE) {
    return DELIVERY_TIPS.situationHeavy(starShare.situation, starShare.action);
  }
  const band = LENGTH_BANDS[kind];
  const seconds = totals.speakingMs / 1000;
  const aim = spokenAim(spokenSeconds(band.idealMin), spokenSeconds(band.idealMax));
  if (seconds > spokenSeconds(band.long)) return DELIVERY_TIPS.tooLong(seconds, aim);
  if (seconds < spokenSeconds(band.short)) return DELIVERY_TIPS.tooShort(seconds, aim, isStoryKind(kind));
  const rates = ratesOf(totals);
  const actionShare =
    starShare && starShare.action >= Math.max(starShare.situation, starShare.task, starShare.result)
      ? starShare.action
      : null;
  return DELIVERY_TIPS.good(rates.wordsPerMinute, rates.fillersPer100Words, totals.longPauses, actionShare);
}

/** The tips that hold for one answer and for the interview as a whole, or null when none applies. */
export function sharedTip(totals: SpokenTotals): string | null {
  const rates = ratesOf(totals);
  const judgePace = totals.speakingMs >= MIN_SPEECH_FOR_PACE_MS;
  if (judgePace && rates.pace === "too-fast") return DELIVERY_TIPS.tooFast(rates.wordsPerMinute);
  if (rates.fillersPer100Words > HEAVY_FILLERS_PER_100) {
    const [top] = totals.topFillers;
    return DELIVERY_TIPS.heavyFillers(top?.[0] ?? null, top?.[1] ?? 0, rates.fillersPer100Words);
  }
  if (manyLongPauses(totals)) {
    return DELIVERY_TIPS.longPauses(totals.longPauses, rates.longestPauseSeconds);
  }
  if (judgePace && rates.pace === "too-slow") return DELIVERY_TIPS.tooSlow(rates.wordsPerMinute);
  return null;
}

/** More than one long stop a minute, or one very long one, reads as losing the thread. */
function manyLongPauses(totals: SpokenTotals): boolean {
  if (totals.longestPauseMs >= VERY_LONG_PAUSE_MS) return true;
  return totals.longPauses >= 2 && totals.longPauses >= totals.speakingMs / 60_000;
}

/** How long a number of words takes at a natural pace. */
function spokenSeconds(words: number): number {
  return (words / AIM_WORDS_PER_MINUTE) * 60;
}

function oneDecimal(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 10) / 10 : 0;
}
