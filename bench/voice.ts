import { parseArgs } from "node:util";
import { createTranscriber } from "../src/coach/openai/create-transcriber.ts";
import { spokenClipOf } from "../src/coach/voice/spoken-clip.ts";
import { loadConfig } from "../src/config.ts";
import type { ConversationKey } from "../src/core/model/conversation.ts";
import type { OutboundMessage } from "../src/core/model/reply.ts";
import type { VoiceSource } from "../src/core/ports/transcriber.ts";
import { createInterviewEngine } from "../src/engine-factory.ts";
import { createDurableJobQueue, createRuntime } from "../src/runtime.ts";
import { startOpenAIEmulator } from "../test/emulators/openai/index.ts";
import type { RecordedMultipart } from "../test/emulators/openai/types.ts";
import { oggOpusFile } from "../test/support/test-audio.ts";
import { startThrowawayRedis } from "../test/support/throwaway-redis.ts";
import { benchEvent, SAMPLE_ANSWER } from "./bench-interview.ts";
import { percentile } from "./redis-metrics.ts";

/**
 * Voice answers as the chat bots run them: each clip is a durable BullMQ job on Redis that fetches
 * the clip (a real Ogg Opus file, served from memory as a platform's CDN would), sends it through
 * the real `openai` client to a local OpenAI-compatible server that answers `verbose_json` after a
 * simulated transcription time, measures its delivery and commits the transcript. Prints the time
 * from the voice message to its transcript being shown (p50/p95) with interviews in flight
 * together, and the audio minutes and provider calls per interview. Asserts nothing.
 */
const { values } = parseArgs({
  options: {
    interviews: { type: "string", default: "20" },
    "answers-per-interview": { type: "string", default: "4" },
    "clip-seconds": { type: "string", default: "60" },
    "transcribe-ms": { type: "string", default: "1500" },
  },
});
const interviews = Number(values.interviews);
const answers = Number(values["answers-per-interview"]);
const clipSeconds = Number(values["clip-seconds"]);
const transcribeMs = Number(values["transcribe-ms"]);

const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const keyPrefix = `srbench-voice-${Date.now().toString(36)}`;
const provider = await startOpenAIEmulator();
provider.scriptTranscription(
  ...Array.from({ length: interviews * answers + 10 }, () => (_body: RecordedMultipart) => ({
    kind: "slow" as const,
    delayMs: transcribeMs,
    reply: { kind: "text" as const, content: SAMPLE_ANSWER },
  })),
);
const config = loadConfig({
  TRANSCRIPTION_BASE_URL: `${provider.url}/v1`,
  SECONDROUND_KEY_PREFIX: keyPrefix,
  REDIS_URL: redis.url,
});
const runtime = createRuntime(config);
if (runtime.storage.kind !== "redis") throw new Error("the bench needs Redis");
const store = runtime.storage.store;
const transcriber = createTranscriber(config.transcription, spokenClipOf, runtime.logger);
if (!transcriber) throw new Error("no transcriber");
const clip = oggOpusFile({ seconds: clipSeconds });
const source: VoiceSource = { download: async () => ({ ok: true, bytes: clip }) };
const shown = new Map<string, number>();
const sender = {
  async send(message: OutboundMessage) {
    if (message.replies.some((reply) => reply.kind === "text" && reply.tone === "transcript"))
      shown.set(`${message.conversation}#${shown.size}`, performance.now());
  },
};
const jobs = createDurableJobQueue(runtime);
const engine = createInterviewEngine({
  store,
  coach: runtime.offlineCoach,
  sender,
  logger: runtime.logger,
  jobs,
  voice: { transcriber, source },
});

const inbound = benchEvent;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const latencies: number[] = [];

/** One candidate answering every question aloud, then submitting once the transcript is shown. */
async function candidate(index: number): Promise<void> {
  const conversation = `discord:bench:voice-${index}` as ConversationKey;
  await engine.handle(
    inbound(conversation, {
      type: "start",
      options: { role: "Data Analyst", company: "Acme", questionCount: answers },
    }),
  );
  for (let answer = 0; answer < answers; answer += 1) {
    const before = (await engine.current(conversation))?.turn?.draft.length ?? 0;
    const sentAt = performance.now();
    await engine.handle(
      inbound(conversation, {
        type: "message",
        text: "",
        attachments: [
          {
            name: "voice-message.ogg",
            contentType: "audio/ogg",
            size: clip.byteLength,
            url: "cdn",
            durationSecs: clipSeconds,
          },
        ],
      }),
    );
    while (((await engine.current(conversation))?.turn?.draft.length ?? 0) <= before) await sleep(20);
    latencies.push(performance.now() - sentAt);
    await engine.handle(inbound(conversation, { type: "action", action: "submit" }));
  }
}

await Promise.all(Array.from({ length: interviews }, (_, index) => candidate(index)));
const uploads = provider.requests.filter((request) => request.path === "/v1/audio/transcriptions").length;
const round = (ms: number) => `${Math.round(ms)} ms`;
process.stdout.write(
  [
    `Voice answers: ${interviews} interviews in flight together, ${answers} spoken answers each, ${clipSeconds} s clips (real Ogg Opus), transcription ${transcribeMs} ms per clip (simulated provider)`,
    `  voice message -> transcript shown:  p50 ${round(percentile(latencies, 50))}, p95 ${round(percentile(latencies, 95))} (transcription alone ${transcribeMs} ms)`,
    `  audio minutes per interview:        ${((answers * clipSeconds) / 60).toFixed(1)} (what a provider bills)`,
    `  provider calls per interview:       ${(uploads / interviews).toFixed(1)}`,
    "  model tokens per interview:         0 (transcription is billed by the minute; the coach's tokens are in bench/llm.ts)",
    "",
  ].join("\n"),
);
await jobs.close();
await store.close();
await provider.close();
await redis.stop();
