// The transcriber through the real `openai` client against the emulator: what it sends, what it
// makes of every reply and fault, and what it refuses without sending anything.
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTranscriber } from "../../../src/coach/openai/create-transcriber.ts";
import { OpenAITranscriber } from "../../../src/coach/openai/openai-transcriber.ts";
import { ProviderCircuit } from "../../../src/coach/openai/provider-circuit.ts";
import { FILLER_PROMPT } from "../../../src/coach/voice/filler-prompt.ts";
import { loadConfig } from "../../../src/config.ts";
import {
  LONG_PAUSE_MS,
  MAX_VOICE_BYTES,
  MAX_VOICE_SECONDS,
  type SpokenClip,
  type Transcript,
} from "../../../src/core/model/voice.ts";
import type { HostileTranscription, TranscriptionReply } from "../../emulators/openai/index.ts";
import { corruptAudio, oggOpusFile, wavFile } from "../../support/test-audio.ts";
import { useOpenAIEmulator } from "../../support/use-openai-emulator.ts";

const emulator = useOpenAIEmulator();

/** A plain stand-in for the real delivery analysis: counts, and silences between words. */
function analyse(transcript: Transcript): SpokenClip {
  const gaps = transcript.words
    .slice(1)
    .map((word, index) => word.startMs - (transcript.words[index]?.endMs ?? 0));
  const longPauses = gaps.filter((gap) => gap > LONG_PAUSE_MS);
  const fillers = transcript.words.filter((word) => /^(um|uh|er)\W*$/i.test(word.text)).length;
  return {
    text: transcript.text,
    timing: {
      durationMs: transcript.durationMs,
      speakingMs: transcript.durationMs - longPauses.reduce((sum, gap) => sum + gap, 0),
      words: transcript.words.length,
      fillers,
      topFillers: [],
      hedges: 0,
      longPauses,
      spans: [],
    },
  };
}

type LogLine = { level: string; message: string; fields: Record<string, unknown> | undefined };
let logs: LogLine[];
const logger = {
  debug: (message: string, fields?: Record<string, unknown>) =>
    logs.push({ level: "debug", message, fields }),
  info: (message: string, fields?: Record<string, unknown>) => logs.push({ level: "info", message, fields }),
  warn: (message: string, fields?: Record<string, unknown>) => logs.push({ level: "warn", message, fields }),
  error: (message: string, fields?: Record<string, unknown>) =>
    logs.push({ level: "error", message, fields }),
};
beforeEach(() => {
  logs = [];
});

function transcriber(options: { maxRetries?: number; timeout?: number; circuit?: ProviderCircuit } = {}) {
  const client = new OpenAI({
    baseURL: `${emulator().url}/v1`,
    apiKey: "test-key-not-secret",
    maxRetries: options.maxRetries ?? 0,
    timeout: options.timeout ?? 10_000,
  });
  return new OpenAITranscriber({
    client,
    model: "whisper-1",
    analyse,
    logger,
    ...(options.circuit ? { circuit: options.circuit } : {}),
  });
}

const voiceMessage = (seconds = 6) => ({
  bytes: oggOpusFile({ seconds }),
  name: "Jane Doe - answer to question 2.ogg",
  contentType: "audio/ogg",
});

const ANSWER =
  "Um, so I led the migration of our billing system. It took, uh, three months and cut costs by a third.";

describe("transcribing a voice answer", () => {
  it("sends the clip as it is, with the model, the filler prompt and word and segment timestamps", async () => {
    emulator().scriptTranscription({ kind: "text", content: ANSWER, pauses: [{ afterWord: 9, seconds: 3 }] });
    const clip = voiceMessage(20);
    const result = await transcriber().transcribe(clip);

    expect(result).toMatchObject({ ok: true, clip: { text: ANSWER } });
    if (!result.ok) return;
    expect(result.clip.timing).toMatchObject({ durationMs: 20_000, words: 21, fillers: 2 });
    expect(result.clip.timing.longPauses).toHaveLength(1);
    expect(result.clip.timing.longPauses[0]).toBeGreaterThan(3_000);

    const [request] = emulator().requests;
    expect(request?.multipart?.fields).toMatchObject({
      model: "whisper-1",
      prompt: FILLER_PROMPT,
      response_format: "verbose_json",
    });
    expect(request?.multipart?.lists["timestamp_granularities[]"]).toEqual(["word", "segment"]);
    // The bytes as they came, under a name made from their format: the candidate's file name stays here.
    expect(request?.multipart?.files.file).toMatchObject({ name: "voice.ogg", type: "audio/ogg" });
    expect(request?.multipart?.files.file?.bytes).toEqual(clip.bytes);
    expect(JSON.stringify(request?.multipart?.fields)).not.toContain("Jane");
  });

  it("hands the analysis the words and segments in milliseconds, and the language as a code", async () => {
    const seen: Transcript[] = [];
    const client = new OpenAI({
      baseURL: `${emulator().url}/v1`,
      apiKey: "test-key-not-secret",
      maxRetries: 0,
    });
    const spy = new OpenAITranscriber({
      client,
      model: "whisper-1",
      analyse: (transcript) => {
        seen.push(transcript);
        return analyse(transcript);
      },
    });
    emulator().scriptTranscription({
      kind: "timed",
      words: [
        { word: "Je", start: 0.2, end: 0.4 },
        { word: "l'ai", start: 0.4, end: 0.7 },
        { word: "fait.", start: 0.7, end: 1.1 },
      ],
      language: "french",
    });
    const result = await spy.transcribe({
      bytes: wavFile({ seconds: 1.5 }),
      name: "a.wav",
      contentType: "audio/wav",
    });
    expect(result.ok).toBe(true);
    expect(seen).toEqual([
      {
        text: "Je l'ai fait.",
        durationMs: 1_500,
        language: "fr",
        words: [
          { text: "Je", startMs: 200, endMs: 400 },
          { text: "l'ai", startMs: 400, endMs: 700 },
          { text: "fait.", startMs: 700, endMs: 1_100 },
        ],
        segments: [{ text: "Je l'ai fait.", startMs: 200, endMs: 1_100 }],
      },
    ]);
    expect(emulator().requests[0]?.multipart?.files.file).toMatchObject({
      name: "voice.wav",
      type: "audio/wav",
    });
  });

  it("is named after its model", () => {
    expect(transcriber().name).toBe("whisper-1");
  });
});

describe("clips refused before any upload", () => {
  it.each([
    [
      "a PDF named .ogg",
      { bytes: corruptAudio.pdfNamedOgg(), name: "voice.ogg", contentType: "audio/ogg" },
      "not-audio",
    ],
    ["an empty file", { bytes: new Uint8Array(0), name: "voice.ogg", contentType: "audio/ogg" }, "not-audio"],
    ["a clip over five minutes", voiceMessage(MAX_VOICE_SECONDS + 5), "too-long"],
    [
      "a WAV over five minutes",
      {
        bytes: wavFile({ seconds: MAX_VOICE_SECONDS + 1, sampleRate: 8_000 }),
        name: "a.wav",
        contentType: null,
      },
      "too-long",
    ],
    [
      "more than 25 MB",
      { bytes: new Uint8Array(MAX_VOICE_BYTES + 1), name: "voice.ogg", contentType: "audio/ogg" },
      "too-large",
    ],
  ])("%s", async (_what, clip, problem) => {
    expect(await transcriber().transcribe(clip)).toEqual({ ok: false, problem });
    await emulator().settle();
    expect(emulator().requests).toHaveLength(0);
  });
});

describe("the provider refusing the file", () => {
  it.each([
    ["cut off mid-page", corruptAudio.truncatedOgg()],
    ["with a damaged page", corruptAudio.oggWithBadChecksum()],
  ])("a voice message %s is not audio, asked once (a 400 is not retried)", async (_what, bytes) => {
    const result = await transcriber({ maxRetries: 2 }).transcribe({
      bytes,
      name: "voice.ogg",
      contentType: "audio/ogg",
    });
    expect(result).toEqual({ ok: false, problem: "not-audio" });
    expect(emulator().requests).toHaveLength(1);
    expect(logs.find((line) => line.message === "transcription failed")?.fields).toMatchObject({
      problem: "not-audio",
      status: 400,
      code: "invalid_value",
    });
  });

  it("says too large when the provider answers 413", async () => {
    emulator().scriptTranscription({
      kind: "raw",
      status: 413,
      contentType: "application/json",
      body: JSON.stringify({
        error: {
          message: "Maximum content size limit (26214400) exceeded",
          type: "server_error",
          code: null,
        },
      }),
    });
    expect(await transcriber().transcribe(voiceMessage())).toEqual({ ok: false, problem: "too-large" });
  });
});

describe("hostile replies", () => {
  const hostile = (variant: HostileTranscription): TranscriptionReply => ({ kind: "hostile", variant });

  it.each([
    ["a 10 MB text", "huge-text", "unavailable"],
    ["an HTML page with status 200", "html-page", "unavailable"],
    ["JSON cut short", "malformed-json", "unavailable"],
    ["no text at all", "missing-text", "unavailable"],
    ["an empty text", "empty-text", "silent"],
    ["Whisper's no-speech phrase", "no-speech", "silent"],
  ] as const)("%s: %s", async (_what, variant, problem) => {
    emulator().scriptTranscription(hostile(variant));
    expect(await transcriber().transcribe(voiceMessage())).toEqual({ ok: false, problem });
  });

  it.each([
    ["out of order", "out-of-order"],
    ["past the clip's end", "beyond-duration"],
    ["before its start", "negative-time"],
  ] as const)("word timings %s are left out; the text stands", async (_what, variant) => {
    emulator().scriptTranscription(hostile(variant));
    const result = await transcriber().transcribe(voiceMessage());
    expect(result).toMatchObject({ ok: true, clip: { timing: { words: 0, durationMs: 6_000 } } });
    if (result.ok) expect(result.clip.text).toMatch(/^So in my last role/);
    expect(logs.find((line) => line.level === "warn")?.fields).toMatchObject({
      dropped: expect.arrayContaining(["words"]),
    });
  });

  it("the prompt echoed back over silence is silence", async () => {
    emulator().scriptTranscription((request) => ({ kind: "text", content: request.fields.prompt ?? "" }));
    expect(await transcriber().transcribe(voiceMessage())).toEqual({ ok: false, problem: "silent" });
  });

  it("a provider's duration over the limit is too long, whatever the headers said", async () => {
    emulator().scriptTranscription({
      kind: "raw",
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({
        task: "transcribe",
        language: "english",
        duration: MAX_VOICE_SECONDS + 60,
        text: "I did.",
      }),
    });
    expect(await transcriber().transcribe(voiceMessage())).toEqual({ ok: false, problem: "too-long" });
  });
});

describe("provider faults", () => {
  it("retries a 429 after its Retry-After and a 500, as the client does", async () => {
    emulator().scriptTranscription(
      { kind: "rate-limit", retryAfterSeconds: 0 },
      { kind: "server-error" },
      { kind: "text", content: ANSWER },
    );
    const result = await transcriber({ maxRetries: 2 }).transcribe(voiceMessage());
    expect(result).toMatchObject({ ok: true, clip: { text: ANSWER } });
    expect(emulator().requests).toHaveLength(3);
    // Every attempt uploaded the whole clip.
    const sizes = emulator().requests.map((request) => request.multipart?.files.file?.size);
    expect(new Set(sizes)).toEqual(new Set([voiceMessage().bytes.length]));
  });

  it.each<[string, TranscriptionReply]>([
    ["a 500 past the retries", { kind: "server-error" }],
    ["a 429 past the retries", { kind: "rate-limit", retryAfterSeconds: 0 }],
    ["a dropped connection", { kind: "connection-reset" }],
    [
      "a 502 HTML page from a proxy",
      { kind: "raw", status: 502, contentType: "text/html", body: "<html>Bad Gateway</html>" },
    ],
    [
      "an unexpected 400",
      {
        kind: "raw",
        status: 400,
        contentType: "application/json",
        body: '{"error":{"message":"Unrecognized request argument supplied: foo","type":"invalid_request_error","param":null,"code":null}}',
      },
    ],
    [
      "a rejected key",
      {
        kind: "raw",
        status: 401,
        contentType: "application/json",
        body: '{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}',
      },
    ],
  ])("%s is unavailable", async (_what, fault) => {
    emulator().scriptTranscription(fault, fault);
    expect(await transcriber({ maxRetries: 1 }).transcribe(voiceMessage())).toEqual({
      ok: false,
      problem: "unavailable",
    });
  });

  it("a reply slower than the attempt's timeout is unavailable", async () => {
    emulator().scriptTranscription({
      kind: "slow",
      delayMs: 30_000,
      reply: { kind: "text", content: ANSWER },
    });
    expect(await transcriber({ timeout: 300 }).transcribe(voiceMessage())).toEqual({
      ok: false,
      problem: "unavailable",
    });
  });

  it("a call past its deadline is cut off and unavailable", async () => {
    const circuit = new ProviderCircuit({ failureThreshold: 5, coolDownMs: 30_000, callDeadlineMs: 300 });
    emulator().scriptTranscription({
      kind: "slow",
      delayMs: 30_000,
      reply: { kind: "text", content: ANSWER },
    });
    const result = await transcriber({ circuit }).transcribe(voiceMessage());
    expect(result).toEqual({ ok: false, problem: "unavailable" });
    expect(logs.find((line) => line.message === "transcription failed")?.fields).toMatchObject({
      failure: "timeout",
    });
  });

  it("logs failures by kind, status and code, never the provider's message or the transcript", async () => {
    emulator().scriptTranscription(
      {
        kind: "server-error",
        message: "Internal error while transcribing: I led the migration of our billing",
      },
      { kind: "text", content: ANSWER },
      { kind: "hostile", variant: "out-of-order" },
    );
    await transcriber().transcribe(voiceMessage());
    await transcriber().transcribe(voiceMessage());
    await transcriber().transcribe(voiceMessage());
    const written = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(written).not.toMatch(/billing|migration|last role/);
    expect(logs[0]).toMatchObject({ level: "warn", fields: { status: 500, problem: "unavailable" } });
  });
});

describe("the circuit breaker", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens after repeated provider failures: no more uploads until the cool-down ends", async () => {
    const circuit = new ProviderCircuit({ failureThreshold: 3, coolDownMs: 30_000, callDeadlineMs: 10_000 });
    const voice = transcriber({ circuit });
    // A file the provider refuses is not the provider failing: it does not count.
    expect(
      await voice.transcribe({ bytes: corruptAudio.truncatedOgg(), name: "v.ogg", contentType: "audio/ogg" }),
    ).toEqual({
      ok: false,
      problem: "not-audio",
    });
    emulator().scriptTranscription(
      { kind: "server-error" },
      { kind: "connection-reset" },
      { kind: "server-error" },
    );
    for (let call = 0; call < 3; call += 1)
      expect(await voice.transcribe(voiceMessage())).toEqual({ ok: false, problem: "unavailable" });
    expect(circuit.state).toBe("open");
    expect(emulator().requests).toHaveLength(4);

    for (let call = 0; call < 3; call += 1)
      expect(await voice.transcribe(voiceMessage())).toEqual({ ok: false, problem: "unavailable" });
    expect(emulator().requests).toHaveLength(4);
    expect(logs.filter((line) => line.fields?.failure === "circuit-open")).toHaveLength(3);

    vi.setSystemTime(Date.now() + 31_000);
    emulator().scriptTranscription({ kind: "text", content: ANSWER });
    expect(await voice.transcribe(voiceMessage())).toMatchObject({ ok: true });
    expect(circuit.state).toBe("closed");
  });
});

describe("the configured transcriber", () => {
  it("is none without a provider, or when turned off", () => {
    expect(createTranscriber(loadConfig({}).transcription, analyse)).toBeNull();
    expect(
      createTranscriber(loadConfig({ OPENAI_API_KEY: "sk-x", TRANSCRIPTION: "off" }).transcription, analyse),
    ).toBeNull();
  });

  it("transcribes on the configured endpoint with the configured model", async () => {
    const config = loadConfig({
      TRANSCRIPTION_BASE_URL: `${emulator().url}/v1`,
      TRANSCRIPTION_MODEL: "whisper-large-v3",
    });
    const configured = createTranscriber(config.transcription, analyse, logger);
    expect(configured?.name).toBe("whisper-large-v3");
    emulator().scriptTranscription({ kind: "text", content: ANSWER });
    expect(await configured?.transcribe(voiceMessage())).toMatchObject({ ok: true, clip: { text: ANSWER } });
    expect(emulator().requests[0]?.multipart?.fields.model).toBe("whisper-large-v3");
    // A transcription endpoint of its own, and no key for it: the SDK's placeholder, never the coach's key.
    expect(emulator().requests[0]?.headers.authorization).toBe("Bearer unused");
  });
});
