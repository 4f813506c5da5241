// The `verbose_json` body of the transcription API, as whisper-1 sends it: the full text, the
// language by name, the duration in seconds, segments (always, unless only words were asked for)
// and words (only when `timestamp_granularities[]=word` was sent), and the billed seconds.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import type { ScriptedPause, TimedWord } from "./types.ts";

export type Granularities = { words: boolean; segments: boolean };

/** A silence longer than this between words starts a new segment, as Whisper's segments break at pauses. */
const SEGMENT_BREAK_SECONDS = 1;

export function verboseJson(
  words: readonly TimedWord[],
  durationSecs: number,
  granularities: Granularities,
  language = "english",
  segmentOverrides: { avg_logprob?: number; no_speech_prob?: number } = {},
) {
  const text = words.map((word) => word.word).join(" ");
  return {
    task: "transcribe",
    language,
    duration: durationSecs,
    text,
    ...(granularities.words ? { words } : {}),
    ...(granularities.segments ? { segments: segmentsOf(words, segmentOverrides) } : {}),
    usage: { type: "duration", seconds: Math.ceil(durationSecs) },
  };
}

/** Words spread evenly over the clip, each taking most of its slot, with any scripted pauses. */
export function spreadWords(
  text: string,
  durationSecs: number,
  pauses: readonly ScriptedPause[] = [],
): TimedWord[] {
  const tokens = text.split(/\s+/).filter((word) => word.length > 0);
  if (tokens.length === 0) return [];
  const paused = pauses.reduce((sum, pause) => sum + pause.seconds, 0);
  const slot = Math.max(0.05, (durationSecs - paused) / tokens.length);
  const words: TimedWord[] = [];
  let at = 0;
  tokens.forEach((word, index) => {
    const end = Math.min(durationSecs, at + slot * 0.85);
    words.push({ word, start: round(Math.min(at, end)), end: round(end) });
    at += slot;
    for (const pause of pauses) if (pause.afterWord === index) at += pause.seconds;
  });
  return words;
}

function segmentsOf(
  words: readonly TimedWord[],
  overrides: { avg_logprob?: number; no_speech_prob?: number },
) {
  const groups: TimedWord[][] = [];
  let current: TimedWord[] = [];
  for (const word of words) {
    const previous = current.at(-1);
    if (previous && word.start - previous.end > SEGMENT_BREAK_SECONDS) {
      groups.push(current);
      current = [];
    }
    current.push(word);
    if (/[.?!]$/.test(word.word)) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group, id) => {
    const start = group[0]?.start ?? 0;
    const text = ` ${group.map((word) => word.word).join(" ")}`;
    return {
      id,
      // Whisper reads 30-second windows; `seek` is the window's start in 10 ms frames.
      seek: Math.floor(start / 30) * 3000,
      start,
      end: group.at(-1)?.end ?? start,
      text,
      tokens: encode(text),
      temperature: 0,
      avg_logprob: overrides.avg_logprob ?? -0.24,
      compression_ratio: 1.3,
      no_speech_prob: overrides.no_speech_prob ?? 0.012,
    };
  });
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
