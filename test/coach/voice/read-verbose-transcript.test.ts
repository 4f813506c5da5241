import { describe, expect, it } from "vitest";
import { FILLER_PROMPT } from "../../../src/coach/voice/filler-prompt.ts";
import { languageCode } from "../../../src/coach/voice/language-codes.ts";
import {
  MAX_TRANSCRIPT_CHARS,
  readVerboseTranscript,
} from "../../../src/coach/voice/read-verbose-transcript.ts";
import { MAX_VOICE_SECONDS } from "../../../src/core/model/voice.ts";

const words = [
  { word: "Um,", start: 0.1, end: 0.3 },
  { word: "I", start: 0.5, end: 0.6 },
  { word: "led", start: 0.6, end: 0.9 },
  { word: "it.", start: 3.4, end: 3.7 },
];
const segments = [
  {
    id: 0,
    seek: 0,
    start: 0.1,
    end: 3.7,
    text: " Um, I led it.",
    tokens: [1, 2],
    temperature: 0,
    avg_logprob: -0.2,
    compression_ratio: 1.1,
    no_speech_prob: 0.01,
  },
];
const reply = (overrides: Record<string, unknown> = {}) => ({
  task: "transcribe",
  language: "english",
  duration: 4.2,
  text: "Um, I led it.",
  words,
  segments,
  ...overrides,
});
const read = (body: unknown, probedDurationSecs: number | null = null) =>
  readVerboseTranscript(body, { probedDurationSecs, prompt: FILLER_PROMPT });

describe("reading a verbose_json transcription", () => {
  it("maps seconds to milliseconds and the language to its code", () => {
    expect(read(reply())).toEqual({
      ok: true,
      dropped: [],
      transcript: {
        text: "Um, I led it.",
        durationMs: 4200,
        language: "en",
        words: [
          { text: "Um,", startMs: 100, endMs: 300 },
          { text: "I", startMs: 500, endMs: 600 },
          { text: "led", startMs: 600, endMs: 900 },
          { text: "it.", startMs: 3400, endMs: 3700 },
        ],
        segments: [{ text: "Um, I led it.", startMs: 100, endMs: 3700 }],
      },
    });
  });

  it("takes a reply without words or segments, as some servers send", () => {
    const reading = read({ text: "I led it.", duration: 2 });
    expect(reading).toMatchObject({
      ok: true,
      dropped: [],
      transcript: { words: [], segments: [], language: null },
    });
  });

  it("falls back to the clip's own duration, then to the last timed word", () => {
    expect(read(reply({ duration: undefined }), 5)).toMatchObject({ transcript: { durationMs: 5000 } });
    expect(read(reply({ duration: undefined }), null)).toMatchObject({ transcript: { durationMs: 3700 } });
  });

  it.each([
    ["a string (an HTML page)", "<html><body>502 Bad Gateway</body></html>"],
    ["null", null],
    ["no text", { duration: 3, words }],
    ["a number for text", { text: 42, duration: 3 }],
    ["a negative duration", reply({ duration: -1 })],
    ["an infinite duration", reply({ duration: Number.POSITIVE_INFINITY })],
    ["a 10 MB text", reply({ text: "and then ".repeat(1_200_000) })],
    [
      "more words than anyone says in five minutes",
      reply({ words: Array(MAX_VOICE_SECONDS * 8 + 1).fill(words[0]) }),
    ],
  ])("treats %s as the provider failing", (_what, body) => {
    expect(read(body)).toMatchObject({ ok: false, problem: "unavailable" });
  });

  it("caps the text by what could be said in the clip, within the absolute cap", () => {
    const talk = (chars: number) => "word ".repeat(chars / 5).trim();
    expect(read({ text: talk(1_000), duration: 30 }).ok).toBe(true);
    expect(read({ text: talk(2_000), duration: 30 })).toMatchObject({ ok: false, reason: "text-too-long" });
    // A clip without any duration gets the absolute cap only.
    expect(read({ text: talk(MAX_TRANSCRIPT_CHARS - 100) }).ok).toBe(true);
    expect(read({ text: talk(MAX_TRANSCRIPT_CHARS + 100) }).ok).toBe(false);
  });

  it("refuses a clip over the length limit by the provider's duration", () => {
    expect(read(reply({ duration: MAX_VOICE_SECONDS + 0.5 }))).toMatchObject({
      ok: false,
      problem: "too-long",
    });
  });

  it.each([
    ["empty", ""],
    ["blank", "  \n "],
    ["punctuation only", " ... "],
  ])("calls a %s text silent", (_what, text) => {
    expect(read(reply({ text, words: [], segments: [] }))).toMatchObject({ ok: false, problem: "silent" });
  });

  it("calls silent what Whisper says over silence: segments it marks as no speech", () => {
    const quiet = [{ ...segments[0], text: " Thank you.", no_speech_prob: 0.93, avg_logprob: -1.4 }];
    expect(read(reply({ text: "Thank you.", segments: quiet }))).toMatchObject({
      problem: "silent",
      reason: "no-speech",
    });
    // Unsure about speech but confident in the words: speech.
    const confident = [{ ...quiet[0], avg_logprob: -0.3 }];
    expect(read(reply({ text: "Thank you.", segments: confident })).ok).toBe(true);
  });

  it("calls silent the prompt echoed back, but not a short answer that happens to be in it", () => {
    expect(read(reply({ text: "Okay, so, um, basically I, uh, led the, like, the project." }))).toMatchObject(
      {
        problem: "silent",
      },
    );
    expect(read(reply({ text: "Let me think." }))).toMatchObject({ problem: "silent" });
    expect(read(reply({ text: "Okay." })).ok).toBe(true);
    expect(read(reply({ text: "I led the project." })).ok).toBe(true);
  });

  it.each([
    ["out of order", [words[2], words[0], words[1], words[3]]],
    ["starting before zero", [{ word: "Um,", start: -0.5, end: 0.3 }, ...words.slice(1)]],
    ["ending before they start", [{ word: "Um,", start: 0.4, end: 0.1 }, ...words.slice(1)]],
    ["running past the clip", [...words, { word: "more", start: 9, end: 9.5 }]],
    ["not numbers", [{ word: "Um,", start: "0.1", end: 0.3 }, ...words.slice(1)]],
    ["with an absurdly long word", [{ word: "a".repeat(101), start: 0, end: 0.1 }]],
  ])("drops word timings %s, keeping the text and the segments", (_what, hostile) => {
    const reading = read(reply({ words: hostile }));
    expect(reading).toMatchObject({
      ok: true,
      dropped: ["words"],
      transcript: { text: "Um, I led it.", words: [] },
    });
    if (reading.ok) expect(reading.transcript.segments).toHaveLength(1);
  });

  it("drops segment timings that run backwards, keeping the words", () => {
    const backwards = [
      { ...segments[0], start: 2, end: 3.7 },
      { ...segments[0], start: 0.1, end: 1 },
    ];
    const reading = read(reply({ segments: backwards }));
    expect(reading).toMatchObject({ ok: true, dropped: ["segments"], transcript: { segments: [] } });
    if (reading.ok) expect(reading.transcript.words).toHaveLength(4);
  });

  it("clamps a last word that ends a rounding error after the clip, and tolerates tiny overlaps", () => {
    const rounded = [
      { word: "I", start: 0, end: 0.5 },
      { word: "did.", start: 0.49, end: 4.6 },
    ];
    const reading = read(reply({ text: "I did.", words: rounded }));
    expect(reading).toMatchObject({ ok: true, dropped: [] });
    if (reading.ok)
      expect(reading.transcript.words.at(-1)).toEqual({ text: "did.", startMs: 490, endMs: 4200 });
  });
});

describe("language codes", () => {
  it.each([
    ["english", "en"],
    ["French", "fr"],
    ["de", "de"],
    ["klingon", null],
    ["", null],
    [null, null],
    ["constructor", null],
  ])("%s -> %s", (name, code) => {
    expect(languageCode(name)).toBe(code);
  });
});
