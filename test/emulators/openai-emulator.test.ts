// Drives the OpenAI emulator with the real `openai` client over HTTP, so the emulator's wire shapes are checked
// against the client's own parsers, retry logic and stream accumulator rather than against our assumptions.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import OpenAI, { APIConnectionTimeoutError, NotFoundError, toFile } from "openai";
import { LengthFinishReasonError } from "openai/error";
import { zodResponseFormat } from "openai/helpers/zod";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { corruptAudio, oggOpusFile, wavFile } from "../support/test-audio.ts";
import { INVALID_FORMAT_MESSAGE, type OpenAIEmulator, startOpenAIEmulator } from "./openai/index.ts";

const Feedback = z.object({ score: z.number().int(), feedback: z.string() });
const feedbackFormat = () => zodResponseFormat(Feedback, "interview_feedback");

const system = "You are a strict interview coach. Reply with JSON.";
const user = "Tell me about a time you disagreed with a teammate.";
const messages = [
  { role: "system" as const, content: system },
  { role: "user" as const, content: user },
];

let emulator: OpenAIEmulator;

function client(options: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({
    baseURL: `${emulator.url}/v1`,
    apiKey: "test",
    maxRetries: options.maxRetries ?? 0,
    timeout: options.timeout ?? 5000,
  });
}

beforeEach(async () => {
  emulator = await startOpenAIEmulator();
});

afterEach(async () => {
  await emulator.close();
});

describe("OpenAI emulator: chat completions", () => {
  it("answers scripted JSON in the Chat Completions shape with o200k usage", async () => {
    emulator.script({ kind: "json", content: { score: 4, feedback: "Good structure." } });
    const completion = await client().chat.completions.create({ model: "gpt-4o-mini", messages });

    const content = '{"score":4,"feedback":"Good structure."}';
    expect(completion).toMatchObject({
      object: "chat.completion",
      model: "gpt-4o-mini",
      choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop" }],
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(typeof completion.created).toBe("number");
    const promptTokens = encode(system).length + encode(user).length;
    expect(completion.usage).toEqual({
      prompt_tokens: promptTokens,
      completion_tokens: encode(content).length,
      total_tokens: promptTokens + encode(content).length,
    });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      body: { model: "gpt-4o-mini", messages },
    });
    expect(emulator.requests[0]?.headers.authorization).toBe("Bearer test");
  });

  it("serves the default reply when nothing is scripted, and a reply computed from the request", async () => {
    emulator.script((body) => ({ kind: "text", content: `echo: ${body.messages?.at(-1)?.content}` }));
    const echoed = await client().chat.completions.create({ model: "m", messages });
    const fallback = await client().chat.completions.create({ model: "m", messages });
    expect(echoed.choices[0]?.message.content).toBe(`echo: ${user}`);
    expect(fallback.choices[0]?.message.content).toBe("{}");
  });

  it("parses structured output with zodResponseFormat (zod 4)", async () => {
    emulator.script({ kind: "json", content: { score: 3, feedback: "Add a concrete result." } });
    const completion = await client().chat.completions.parse({
      model: "gpt-4o-mini",
      messages,
      response_format: feedbackFormat(),
    });
    expect(completion.choices[0]?.message.parsed).toEqual({ score: 3, feedback: "Add a concrete result." });
    expect(emulator.requests[0]?.body).toMatchObject({
      response_format: { type: "json_schema", json_schema: { name: "interview_feedback", strict: true } },
    });
  });

  it("lets schema violations and malformed JSON reach the caller's parser", async () => {
    emulator.script({ kind: "schema-violation", content: { score: "four" } }, { kind: "malformed-json" });
    const openai = client();
    const request = { model: "m", messages, response_format: feedbackFormat() };
    await expect(openai.chat.completions.parse(request)).rejects.toBeInstanceOf(z.ZodError);
    await expect(openai.chat.completions.parse(request)).rejects.toThrow(SyntaxError);
  });

  it("streams deltas that reassemble the text, with a final usage chunk", async () => {
    const text = "Start with the situation, then the task, the action and the result.";
    emulator.script({ kind: "text", content: text });
    const stream = await client().chat.completions.create({
      model: "m",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let reassembled = "";
    let deltas = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas += 1;
      reassembled += choice?.delta.content ?? "";
      finishReason = choice?.finish_reason ?? finishReason;
      usage = chunk.usage ?? usage;
    }
    expect(reassembled).toBe(text);
    expect(deltas).toBeGreaterThan(1);
    expect(finishReason).toBe("stop");
    expect(usage?.completion_tokens).toBe(encode(text).length);
  });

  it("streams through the client's accumulator (chat.completions.stream)", async () => {
    emulator.script({ kind: "json", content: { score: 5, feedback: "Excellent." } });
    const stream = client().chat.completions.stream({
      model: "m",
      messages,
      response_format: feedbackFormat(),
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.parsed).toEqual({ score: 5, feedback: "Excellent." });
  });
});

describe("OpenAI emulator: faults", () => {
  it("streams a refusal that the accumulator surfaces on the message", async () => {
    emulator.script({ kind: "refusal", refusal: "I can't help with that" });
    const stream = client().chat.completions.stream({
      model: "m",
      messages,
      response_format: feedbackFormat(),
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message).toMatchObject({ refusal: "I can't help with that", parsed: null });
  });

  it("429 with retry-after is retried by the client and succeeds on the next reply", async () => {
    emulator.script(
      { kind: "rate-limit", retryAfterSeconds: 0.3 },
      { kind: "text", content: "after the wait" },
    );
    const started = performance.now();
    const completion = await client({ maxRetries: 1 }).chat.completions.create({ model: "m", messages });
    expect(completion.choices[0]?.message.content).toBe("after the wait");
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(emulator.requests).toHaveLength(2);
    expect(emulator.requests.map((request) => request.headers["x-stainless-retry-count"])).toEqual([
      "0",
      "1",
    ]);
  });

  it("429 without retries left surfaces RateLimitError", async () => {
    emulator.script({ kind: "rate-limit", retryAfterSeconds: 1 });
    await expect(client().chat.completions.create({ model: "m", messages })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
  });

  it("500 with maxRetries 0 rejects with InternalServerError", async () => {
    emulator.script({ kind: "server-error" });
    const failure = client().chat.completions.create({ model: "m", messages });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(failure).rejects.toMatchObject({ status: 500, requestID: expect.stringMatching(/^req_/) });
    expect(emulator.requests).toHaveLength(1);
  });

  it("a slow reply past the client's timeout rejects with APIConnectionTimeoutError", async () => {
    emulator.script({ kind: "slow", delayMs: 2000, reply: { kind: "text", content: "too late" } });
    await expect(
      client({ timeout: 200 }).chat.completions.create({ model: "m", messages }),
    ).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("a slow reply within the timeout still arrives", async () => {
    emulator.script({ kind: "slow", delayMs: 50, reply: { kind: "text", content: "worth the wait" } });
    const completion = await client().chat.completions.create({ model: "m", messages });
    expect(completion.choices[0]?.message.content).toBe("worth the wait");
  });

  it("a held reply is sent only once the test releases it", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    emulator.script({ kind: "held", released, reply: { kind: "text", content: "released" } });
    let answered = false;
    const pending = client()
      .chat.completions.create({ model: "m", messages })
      .finally(() => {
        answered = true;
      });
    await expect.poll(() => emulator.requests.length).toBe(1);
    // The request has arrived and is waiting on the test, not on a clock.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    release();
    expect((await pending).choices[0]?.message.content).toBe("released");
  });

  it("a refusal leaves parsed null and surfaces message.refusal", async () => {
    emulator.script({ kind: "refusal", refusal: "I can't help with that" });
    const completion = await client().chat.completions.parse({
      model: "m",
      messages,
      response_format: feedbackFormat(),
    });
    const message = completion.choices[0]?.message;
    expect(message).toMatchObject({ content: null, refusal: "I can't help with that", parsed: null });
  });

  it('finish_reason "length" makes parse() throw LengthFinishReasonError', async () => {
    emulator.script({ kind: "length" });
    await expect(
      client().chat.completions.parse({ model: "m", messages, response_format: feedbackFormat() }),
    ).rejects.toBeInstanceOf(LengthFinishReasonError);
  });

  it("unknown routes answer 404 with an OpenAI-shaped error", async () => {
    await expect(client().models.list()).rejects.toBeInstanceOf(NotFoundError);
    const response = await fetch(`${emulator.url}/v1/nope`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: "Invalid URL (POST /v1/nope)",
        type: "invalid_request_error",
        param: null,
        code: null,
      },
    });
  });
});

describe("OpenAI emulator: audio transcriptions", () => {
  const voiceMessage = (seconds = 3) =>
    toFile(oggOpusFile({ seconds }), "voice-message.ogg", { type: "audio/ogg" });

  it("returns the scripted text and records the uploaded file, its bytes included", async () => {
    emulator.scriptTranscription({ kind: "text", content: "I led the migration to Postgres." });
    const audio = oggOpusFile({ seconds: 2 });
    const transcription = await client().audio.transcriptions.create({
      file: await toFile(audio, "a.ogg", { type: "audio/ogg" }),
      model: "whisper-1",
    });
    expect(transcription.text).toBe("I led the migration to Postgres.");
    const [recorded] = emulator.requests;
    expect(recorded?.path).toBe("/v1/audio/transcriptions");
    expect(recorded?.multipart?.fields.model).toBe("whisper-1");
    expect(recorded?.multipart?.files.file).toEqual({
      name: "a.ogg",
      size: audio.length,
      type: "audio/ogg",
      bytes: audio,
    });
  });

  it("defaults to a fixed transcript and supports plain-text response formats", async () => {
    const file = await toFile(wavFile({ seconds: 1 }), "a.wav");
    const json = await client().audio.transcriptions.create({ file, model: "whisper-1" });
    const text = await client().audio.transcriptions.create({
      file,
      model: "whisper-1",
      response_format: "text",
    });
    expect(json.text).toBe("transcribed audio");
    expect(text).toBe("transcribed audio");
  });

  it("answers verbose_json in the real shape, timed over the upload's real duration", async () => {
    emulator.scriptTranscription({
      kind: "text",
      content: "Um, so I led the migration. It took, uh, three months.",
      pauses: [{ afterWord: 5, seconds: 2.5 }],
    });
    const transcription = await client().audio.transcriptions.create({
      file: await voiceMessage(12),
      model: "whisper-1",
      response_format: "verbose_json",
      timestamp_granularities: ["word", "segment"],
    });
    expect(emulator.requests[0]?.multipart?.lists["timestamp_granularities[]"]).toEqual(["word", "segment"]);
    expect(transcription).toMatchObject({
      task: "transcribe",
      language: "english",
      duration: 12,
      text: "Um, so I led the migration. It took, uh, three months.",
      usage: { type: "duration", seconds: 12 },
    });
    const words = transcription.words ?? [];
    expect(words.map((word) => word.word)).toEqual(transcription.text.split(" "));
    for (const [index, word] of words.entries()) {
      expect(word.end).toBeGreaterThan(word.start);
      expect(word.end).toBeLessThanOrEqual(12);
      if (index > 0) expect(word.start).toBeGreaterThanOrEqual(words[index - 1]?.end ?? 0);
    }
    const gap = (words[6]?.start ?? 0) - (words[5]?.end ?? 0);
    expect(gap).toBeGreaterThan(2.5);
    // Segments break at sentence ends: the pause falls between the two sentences here.
    expect(transcription.segments?.map((segment) => segment.text)).toEqual([
      " Um, so I led the migration.",
      " It took, uh, three months.",
    ]);
    expect(transcription.segments?.[0]).toMatchObject({ id: 0, seek: 0, temperature: 0 });
    expect(transcription.segments?.[0]?.tokens.length).toBeGreaterThan(3);
    expect(transcription.segments?.[0]?.no_speech_prob).toBeLessThan(0.1);
  });

  it("sends words only when asked for them, and segments unless only words were asked for", async () => {
    const verbose = { model: "whisper-1", response_format: "verbose_json" as const };
    const plain = await client().audio.transcriptions.create({ ...verbose, file: await voiceMessage() });
    const wordsOnly = await client().audio.transcriptions.create({
      ...verbose,
      file: await voiceMessage(),
      timestamp_granularities: ["word"],
    });
    expect(plain.words).toBeUndefined();
    expect(plain.segments).toHaveLength(1);
    expect(wordsOnly.words).toHaveLength(2);
    expect(wordsOnly.segments).toBeUndefined();
  });

  it("keeps scripted word timings as they are", async () => {
    const words = [
      { word: "I", start: 0.2, end: 0.3 },
      { word: "shipped", start: 0.35, end: 0.8 },
      { word: "it.", start: 4.1, end: 4.3 },
    ];
    emulator.scriptTranscription({ kind: "timed", words, language: "french" });
    const transcription = await client().audio.transcriptions.create({
      file: await toFile(wavFile({ seconds: 5 }), "answer.wav", { type: "audio/wav" }),
      model: "whisper-1",
      response_format: "verbose_json",
      timestamp_granularities: ["word"],
    });
    expect(transcription).toMatchObject({ text: "I shipped it.", language: "french", duration: 5, words });
  });

  it.each([
    ["a PDF named voice.ogg", () => corruptAudio.pdfNamedOgg(), "voice.ogg", "Invalid file format."],
    [
      "audio under a name the API does not take",
      () => wavFile({ seconds: 1 }),
      "voice.bin",
      "Invalid file format.",
    ],
    [
      "a voice message cut off mid-page",
      () => corruptAudio.truncatedOgg(),
      "voice.ogg",
      "Audio file might be corrupted",
    ],
    [
      "a voice message with a damaged page",
      () => corruptAudio.oggWithBadChecksum(),
      "voice.ogg",
      "Audio file might be corrupted",
    ],
  ])("refuses %s with the real API's 400", async (_what, bytes, name, message) => {
    const sent = client().audio.transcriptions.create({
      file: await toFile(bytes(), name),
      model: "whisper-1",
    });
    await expect(sent).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(sent).rejects.toThrow(message);
  });

  it("names every supported format in its invalid-format message, as the API does", () => {
    expect(INVALID_FORMAT_MESSAGE).toBe(
      "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']",
    );
  });

  it("builds hostile replies from the real duration", async () => {
    const ask = async () =>
      client().audio.transcriptions.create({
        file: await voiceMessage(4),
        model: "whisper-1",
        response_format: "verbose_json",
        timestamp_granularities: ["word", "segment"],
      });
    emulator.scriptTranscription(
      { kind: "hostile", variant: "beyond-duration" },
      { kind: "hostile", variant: "out-of-order" },
      { kind: "hostile", variant: "html-page" },
      { kind: "hostile", variant: "malformed-json" },
      { kind: "hostile", variant: "no-speech" },
    );
    const beyond = await ask();
    expect(Math.max(...(beyond.words ?? []).map((word) => word.end))).toBeGreaterThan(beyond.duration * 2);
    const reversed = await ask();
    expect(reversed.words?.[0]?.start).toBeGreaterThan(reversed.words?.[1]?.start ?? Infinity);
    // The client hands back a non-JSON body as a string, whatever the declared type.
    expect(typeof (await ask())).toBe("string");
    await expect(ask()).rejects.toBeInstanceOf(SyntaxError);
    const silence = await ask();
    expect(silence.text).toBe("Thank you.");
    expect(silence.segments?.[0]?.no_speech_prob).toBeGreaterThan(0.9);
  });
});

describe("OpenAI emulator: housekeeping", () => {
  it("reset() forgets requests and queued replies", async () => {
    emulator.script({ kind: "text", content: "queued" });
    await client().chat.completions.create({ model: "m", messages });
    emulator.script({ kind: "text", content: "forgotten" });
    emulator.reset();
    expect(emulator.requests).toHaveLength(0);
    const completion = await client().chat.completions.create({ model: "m", messages });
    expect(completion.choices[0]?.message.content).toBe("{}");
  });

  it("close() does not wait for a pending slow reply", async () => {
    emulator.script({ kind: "slow", delayMs: 60_000, reply: { kind: "text", content: "never" } });
    const pending = client({ timeout: 60_000 }).chat.completions.create({ model: "m", messages });
    pending.catch(() => {});
    await expect.poll(() => emulator.requests.length).toBe(1);
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    emulator = await startOpenAIEmulator(); // afterEach closes it
  });
});
