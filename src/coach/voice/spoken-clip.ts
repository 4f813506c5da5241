import { countWords, sanitizeText } from "../../core/model/sanitize-text.ts";
import {
  capLongPauses,
  type FillerCount,
  fitSpans,
  type Span,
  topFillersOf,
} from "../../core/model/spoken-timing-lists.ts";
import { LONG_PAUSE_MS, type SpokenClip, type TimedText, type Transcript } from "../../core/model/voice.ts";
import { countHedges, fillersIn } from "../rubric/delivery.ts";
import { analysisForm } from "../rubric/sentences.ts";

/**
 * One transcribed clip as the answer keeps it: its text, and the timing the report's delivery
 * measures are made from (pace, fillers, pauses, and which words were said when). Providers are
 * trusted for nothing: timestamps may be missing, negative, overlapping or out of order, and the
 * result is still whole numbers, never negative, never NaN.
 */
export function spokenClipOf(transcript: Transcript): SpokenClip {
  const words = inTimeOrder(timed(transcript.words));
  const segments = timed(transcript.segments);
  const text = clipText(transcript);
  const lastEnd = latestEnd([...words, ...segments]);
  const durationMs = Math.max(wholeMs(transcript.durationMs), lastEnd);
  // Word timestamps are the finer measure; segments stand in when the provider gave no words.
  const pacing = words.length > 0 ? words : inTimeOrder(segments);
  const lower = analysisForm(text).toLowerCase();
  const fillers = fillersIn(lower).map(fillerName);
  return {
    text,
    timing: {
      durationMs,
      speakingMs: speakingMs(pacing, durationMs, text),
      words: words.length > 0 ? words.length : countWords(text),
      fillers: fillers.length,
      topFillers: topFillersOf([fillers.map((filler): FillerCount => [filler, 1])]),
      hedges: countHedges(lower),
      longPauses: capLongPauses(gaps(pacing).filter((gap) => gap > LONG_PAUSE_MS)),
      spans: fitSpans(spansOf(text, segments)),
    },
  };
}

/**
 * The provider's text made safe as the draft makes every message (sanitizeText: a no-op on it
 * again, so the spans' offsets hold in the stored message), its whitespace single spaces; its
 * segments when it sent no text.
 */
function clipText(transcript: Transcript): string {
  const own = oneLine(transcript.text ?? "");
  if (own) return own;
  const fromSegments = oneLine(transcript.segments.map((segment) => segment.text ?? "").join(" "));
  return fromSegments || oneLine(transcript.words.map((word) => word.text ?? "").join(" "));
}

function oneLine(text: string): string {
  return sanitizeText(text).replace(/\s+/gu, " ").trim();
}

/** Timed pieces with words in them, in the provider's order, each with 0 <= startMs <= endMs in whole ms. */
function timed(pieces: readonly TimedText[]): TimedText[] {
  return pieces
    .filter((piece) => oneLine(piece.text ?? "").length > 0)
    .map((piece) => {
      const startMs = wholeMs(piece.startMs);
      return { text: piece.text, startMs, endMs: Math.max(startMs, wholeMs(piece.endMs)) };
    });
}

function inTimeOrder(pieces: readonly TimedText[]): TimedText[] {
  return [...pieces].sort((a, b) => a.startMs - b.startMs);
}

function latestEnd(pieces: readonly TimedText[]): number {
  return pieces.reduce((latest, piece) => Math.max(latest, piece.endMs), 0);
}

function wholeMs(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/**
 * The silence before each piece after the first: from the latest end heard so far to its start,
 * so an overlapping piece is no silence at all.
 */
function gaps(pieces: readonly TimedText[]): number[] {
  const found: number[] = [];
  let heardUntil = pieces[0]?.endMs ?? 0;
  for (const piece of pieces.slice(1)) {
    found.push(Math.max(0, piece.startMs - heardUntil));
    heardUntil = Math.max(heardUntil, piece.endMs);
  }
  return found;
}

/**
 * From the first word to the last, less every long pause between them: the silence before the
 * first word and after the last is not speaking, nor is a long search for the next word. With no
 * timestamps at all the whole clip counts (it had words in it, or there would be no clip).
 */
function speakingMs(pieces: readonly TimedText[], durationMs: number, text: string): number {
  const first = pieces[0];
  if (!first) return text ? durationMs : 0;
  const lastEnd = latestEnd(pieces);
  const long = gaps(pieces)
    .filter((gap) => gap > LONG_PAUSE_MS)
    .reduce((sum, gap) => sum + gap, 0);
  return Math.max(0, lastEnd - first.startMs - long);
}

/** "Umm" and "um" are one filler, "like," is "like", "You  know" is "you know". */
function fillerName(said: string): string {
  const name = said.replace(/,$/u, "").replace(/\s+/gu, " ");
  if (/^u+m+$/u.test(name)) return "um";
  if (/^u+h+$/u.test(name)) return "uh";
  if (/^e+r+m+$/u.test(name)) return "erm";
  if (/^hmm+$/u.test(name)) return "hmm";
  return name.slice(0, 20);
}

/**
 * Each segment found in the text, in order: [first character, end character, start ms, end ms].
 * A segment's text is the clip's text modulo whitespace; one that cannot be found (a provider
 * that rewrote it) is left out rather than guessed, and the search goes on from where the last
 * found one ended, so a repeated phrase maps to its own later occurrence.
 */
function spansOf(text: string, segments: readonly TimedText[]): Span[] {
  const spans: Span[] = [];
  let from = 0;
  // The provider's order is the text's order, whatever hostile timestamps say.
  for (const segment of segments) {
    const wanted = oneLine(segment.text);
    const at = text.indexOf(wanted, from);
    if (at < 0) continue;
    spans.push([at, at + wanted.length, segment.startMs, segment.endMs]);
    from = at + wanted.length;
  }
  return spans;
}
