import { describe, expect, it } from "vitest";
import { spokenClipOf } from "../../../src/coach/voice/spoken-clip.ts";
import { sanitizeText } from "../../../src/core/model/sanitize-text.ts";
import { SpokenTimingSchema, type TimedText, type Transcript } from "../../../src/core/model/voice.ts";

/** Words said one after another: each `gapMs` of silence before it (none before the first), `wordMs` long. */
function wordsAt(
  text: string,
  wordMs: number,
  gapsBefore: Record<number, number> = {},
  startMs = 0,
): TimedText[] {
  let at = startMs;
  return text.split(" ").map((word, index) => {
    at += gapsBefore[index] ?? 0;
    const timed = { text: word, startMs: at, endMs: at + wordMs };
    at += wordMs;
    return timed;
  });
}

function transcript(overrides: Partial<Transcript>): Transcript {
  return { text: "", durationMs: 0, language: "en", words: [], segments: [], ...overrides };
}

describe("spokenClipOf", () => {
  it("measures a clip with word timestamps: speaking time without long pauses or the silence around it", () => {
    const text = "I led the migration. Um, it was, like, hard. I'd like to say it looks like it worked.";
    // 18 words of 300 ms from 1,000 ms; 2.5 s before word 5 ("Um,") and 1.5 s before word 10 ("I'd").
    const words = wordsAt(text, 300, { 4: 2_500, 9: 1_500 }, 1_000);
    const clip = spokenClipOf(
      transcript({ text: `  ${text.replace(/ /g, "  ")}\n`, durationMs: 12_000, words }),
    );
    expect(clip.text).toBe(text);
    const timing = clip.timing;
    expect(timing.durationMs).toBe(12_000);
    // First word at 1,000, last ends at 1,000 + 18 × 300 + 2,500 + 1,500 = 10,400; less the one long pause.
    expect(timing.speakingMs).toBe(10_400 - 1_000 - 2_500);
    expect(timing.words).toBe(18);
    // "um" and "like," are fillers; "I'd like to" and "looks like" are not.
    expect(timing.fillers).toBe(2);
    expect(timing.topFillers).toEqual([
      ["um", 1],
      ["like", 1],
    ]);
    expect(timing.longPauses).toEqual([2_500]);
    expect(timing.hedges).toBe(0);
    expect(SpokenTimingSchema.parse(timing)).toEqual(timing);
  });

  it("counts fillers case-insensitively, merges their spellings, most frequent first", () => {
    const text =
      "Umm, so basically I, uh, you know, rebuilt it. UM, I mean, it was kind of late. Uhh, it was a kind of report, um.";
    const clip = spokenClipOf(transcript({ text, durationMs: 10_000 }));
    // um ×3 (Umm, UM, um), uh ×2 (uh, Uhh), basically, you know, i mean, kind of (not "a kind of").
    expect(clip.timing.topFillers).toEqual([
      ["um", 3],
      ["uh", 2],
      ["basically", 1],
      ["you know", 1],
      ["i mean", 1],
    ]);
    expect(clip.timing.fillers).toBe(9);
  });

  it("counts hedges with the rubric's list", () => {
    const clip = spokenClipOf(
      transcript({ text: "I think it worked. Maybe it was probably the best I guess.", durationMs: 4_000 }),
    );
    expect(clip.timing.hedges).toBe(4);
  });

  it("locates each segment in the text, skipping one the provider rewrote, and a repeated phrase at its own place", () => {
    const text = "Yes. We shipped it. Yes. It worked.";
    const segments: TimedText[] = [
      { text: " Yes.", startMs: 0, endMs: 500 },
      { text: "We   shipped it.", startMs: 600, endMs: 2_000 },
      { text: "Yes.", startMs: 2_100, endMs: 2_500 },
      { text: "It did work.", startMs: 2_600, endMs: 3_000 },
    ];
    const clip = spokenClipOf(transcript({ text, durationMs: 3_000, segments }));
    expect(clip.timing.spans).toEqual([
      [0, 4, 0, 500],
      [5, 19, 600, 2_000],
      [20, 24, 2_100, 2_500],
    ]);
    // No word timestamps: words from the text, pauses from the gaps between segments (none long here).
    expect(clip.timing.words).toBe(7);
    expect(clip.timing.longPauses).toEqual([]);
    expect(clip.timing.speakingMs).toBe(3_000);
  });

  it("finds long pauses between segments when there are no word timestamps", () => {
    const segments: TimedText[] = [
      { text: "First part.", startMs: 500, endMs: 2_000 },
      { text: "Second part.", startMs: 5_000, endMs: 6_000 },
      { text: "Third.", startMs: 6_500, endMs: 7_000 },
    ];
    const clip = spokenClipOf(
      transcript({ text: "First part. Second part. Third.", durationMs: 9_000, segments }),
    );
    expect(clip.timing.longPauses).toEqual([3_000]);
    expect(clip.timing.speakingMs).toBe(7_000 - 500 - 3_000);
  });

  it("gives text the draft keeps as it is, so the spans still point at the right words", () => {
    // A zero-width space, a bidi control and a decomposed "é" (e + combining accent).
    const said = "Caf\u0065\u0301 \u200bopened. \u202eWe grew.";
    const clip = spokenClipOf(
      transcript({
        text: said,
        durationMs: 2_000,
        segments: [
          { text: "Caf\u0065\u0301 \u200bopened.", startMs: 0, endMs: 1_000 },
          { text: "\u202eWe grew.", startMs: 1_000, endMs: 2_000 },
        ],
      }),
    );
    expect(clip.text).toBe("Café opened. We grew.");
    expect(sanitizeText(clip.text)).toBe(clip.text);
    const [first, second] = clip.timing.spans;
    expect(clip.text.slice(first?.[0], first?.[1])).toBe("Café opened.");
    expect(clip.text.slice(second?.[0], second?.[1])).toBe("We grew.");
  });

  it("takes the text from the segments when the provider sent none", () => {
    const clip = spokenClipOf(
      transcript({
        durationMs: 2_000,
        segments: [
          { text: " Hello ", startMs: 0, endMs: 900 },
          { text: "there.", startMs: 1_000, endMs: 2_000 },
        ],
      }),
    );
    expect(clip.text).toBe("Hello there.");
    expect(clip.timing.spans).toEqual([
      [0, 5, 0, 900],
      [6, 12, 1_000, 2_000],
    ]);
  });

  it("survives hostile timestamps: out of order, overlapping, negative, NaN, zero duration", () => {
    const words: TimedText[] = [
      { text: "c", startMs: 5_000, endMs: 5_400 },
      { text: "a", startMs: -300, endMs: 400 },
      { text: "b", startMs: 300, endMs: 1_200 },
      { text: "   ", startMs: 9_000, endMs: 9_999 },
      { text: "d", startMs: Number.NaN, endMs: Number.POSITIVE_INFINITY },
      { text: "e", startMs: 6_000, endMs: 5_000 },
    ];
    const clip = spokenClipOf(
      transcript({
        text: "a b c d e",
        durationMs: 0,
        words,
        segments: [{ text: "a b", startMs: Number.NaN, endMs: -5 }],
      }),
    );
    const timing = SpokenTimingSchema.parse(clip.timing);
    // Time order: d (0-0), a (0-400), b (300-1,200), c (5,000-5,400), e (6,000-6,000).
    // Gaps: 0, 0, 3,800 (long), 600. Speaking: 0 → 6,000 less 3,800.
    expect(timing.longPauses).toEqual([3_800]);
    expect(timing.speakingMs).toBe(2_200);
    // The clip is at least as long as its last timed word.
    expect(timing.durationMs).toBe(6_000);
    expect(timing.words).toBe(5);
    expect(timing.spans).toEqual([[0, 3, 0, 0]]);
    for (const value of [timing.durationMs, timing.speakingMs, ...timing.spans.flat()]) {
      expect(Number.isInteger(value) && value >= 0).toBe(true);
    }
  });

  it("an empty transcript is an empty clip of zeros", () => {
    const clip = spokenClipOf(transcript({ durationMs: Number.NaN }));
    expect(clip).toEqual({
      text: "",
      timing: {
        durationMs: 0,
        speakingMs: 0,
        words: 0,
        fillers: 0,
        topFillers: [],
        hedges: 0,
        longPauses: [],
        spans: [],
      },
    });
  });

  it("keeps a clip of many pauses and segments within the schema's caps, every character still timed", () => {
    const count = 1_200;
    const words = Array.from({ length: count }, (_, index) => ({
      text: "word",
      startMs: index * 3_000,
      endMs: index * 3_000 + 200,
    }));
    const text = Array.from({ length: count }, () => "word").join(" ");
    const segments = words.map((word) => ({ ...word }));
    const timing = spokenClipOf(transcript({ text, durationMs: count * 3_000, words, segments })).timing;
    expect(SpokenTimingSchema.safeParse(timing).success).toBe(true);
    expect(timing.longPauses).toHaveLength(100);
    expect(timing.spans.length).toBeLessThanOrEqual(500);
    expect(timing.spans[0]?.[0]).toBe(0);
    expect(timing.spans.at(-1)?.[1]).toBe(text.length);
    expect(timing.spans.at(-1)?.[3]).toBe((count - 1) * 3_000 + 200);
  });
});
