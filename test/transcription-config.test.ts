import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { ConfigError } from "../src/core/model/errors.ts";

describe("transcription configuration", () => {
  it("is none without a provider: voice answers need one", () => {
    expect(loadConfig({}).transcription).toBeNull();
    expect(loadConfig({ TRANSCRIPTION_MODEL: "whisper-1" }).transcription).toBeNull();
  });

  it("uses the coach's OpenAI key and endpoint by default, with whisper-1 and the coach's retries and breaker", () => {
    const config = loadConfig({
      OPENAI_API_KEY: "sk-coach",
      OPENAI_MAX_RETRIES: "2",
      OPENAI_BREAKER_FAILURES: "7",
    });
    expect(config.transcription).toMatchObject({
      apiKey: "sk-coach",
      baseURL: undefined,
      model: "whisper-1",
      maxRetries: 2,
      breaker: { failureThreshold: 7, coolDownMs: 30_000 },
    });
    // A clip takes far longer than a chat reply: its own timeout and deadline, not OPENAI_TIMEOUT_MS's 8 s.
    expect(config.transcription?.timeoutMs).toBeGreaterThanOrEqual(60_000);
    expect(config.transcription?.callDeadlineMs).toBeGreaterThan(config.transcription?.timeoutMs ?? 0);
  });

  it("follows a local coach endpoint, key and all", () => {
    const config = loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1" });
    expect(config.transcription).toMatchObject({ apiKey: undefined, baseURL: "http://127.0.0.1:8000/v1" });
    const same = loadConfig({
      OPENAI_BASE_URL: "https://api.groq.com/openai/v1",
      OPENAI_API_KEY: "gsk-coach",
      TRANSCRIPTION_BASE_URL: "https://api.groq.com/openai/v1",
    });
    expect(same.transcription).toMatchObject({
      apiKey: "gsk-coach",
      baseURL: "https://api.groq.com/openai/v1",
    });
  });

  it("never sends the coach's key to a transcription endpoint of its own", () => {
    const config = loadConfig({
      OPENAI_API_KEY: "sk-coach",
      TRANSCRIPTION_BASE_URL: "http://whisper.internal:9000/v1",
    });
    expect(config.transcription).toMatchObject({
      apiKey: undefined,
      baseURL: "http://whisper.internal:9000/v1",
    });
    const keyed = loadConfig({
      OPENAI_API_KEY: "sk-coach",
      TRANSCRIPTION_BASE_URL: "https://api.example.com/v1",
      TRANSCRIPTION_API_KEY: "sk-transcription",
      TRANSCRIPTION_MODEL: "whisper-large-v3",
    });
    expect(keyed.transcription).toMatchObject({ apiKey: "sk-transcription", model: "whisper-large-v3" });
  });

  it("takes a transcription key alone, for OpenAI's endpoint", () => {
    expect(loadConfig({ TRANSCRIPTION_API_KEY: "sk-t" }).transcription).toMatchObject({
      apiKey: "sk-t",
      baseURL: undefined,
    });
    // The coach stays off: the transcription key is not the coach's.
    expect(loadConfig({ TRANSCRIPTION_API_KEY: "sk-t" }).openai).toBeUndefined();
  });

  it("is off with TRANSCRIPTION=off, and says so for any other word", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-coach", TRANSCRIPTION: "off" }).transcription).toBeNull();
    expect(loadConfig({ OPENAI_API_KEY: "sk-coach", TRANSCRIPTION: "" }).transcription).not.toBeNull();
    expect(() => loadConfig({ TRANSCRIPTION: "no" })).toThrow(ConfigError);
    expect(() => loadConfig({ TRANSCRIPTION_BASE_URL: "not a url" })).toThrow(/TRANSCRIPTION_BASE_URL/);
  });
});
