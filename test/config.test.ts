import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { ConfigError } from "../src/core/model/errors.ts";

describe("configuration", () => {
  it("needs nothing for terminal practice on the offline coach", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      redis: undefined,
      openai: undefined,
      keyPrefix: "sr",
      platforms: { discord: false, slack: false },
    });
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ REDIS_URL: "", OPENAI_API_KEY: "", LOG_LEVEL: "" })).toMatchObject({
      redis: undefined,
      openai: undefined,
      logLevel: "warn",
    });
  });

  it("switches on the AI coach with per-task models and an explicit timeout", () => {
    const config = loadConfig({
      OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
      OPENAI_MODEL: "llama3.1",
      OPENAI_MODEL_EVALUATION: "big",
    });
    expect(config.openai).toMatchObject({
      timeoutMs: 8_000,
      maxRetries: 1,
      models: { questions: "llama3.1", evaluation: "big" },
    });
  });

  it("bounds every AI call and configures the provider's circuit breaker", () => {
    const defaults = loadConfig({ OPENAI_API_KEY: "sk-test" });
    // One attempt plus one retry inside an 8.5 s deadline: an answer never waits a minute for a fallback.
    expect(defaults.openai).toMatchObject({
      callDeadlineMs: 8_500,
      breaker: { failureThreshold: 5, coolDownMs: 30_000 },
    });
    const tuned = loadConfig({
      OPENAI_API_KEY: "sk-test",
      OPENAI_CALL_DEADLINE_MS: "20000",
      OPENAI_BREAKER_FAILURES: "3",
      OPENAI_BREAKER_COOLDOWN_MS: "60000",
    });
    expect(tuned.openai).toMatchObject({
      callDeadlineMs: 20_000,
      breaker: { failureThreshold: 3, coolDownMs: 60_000 },
    });
    expect(() => loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BREAKER_FAILURES: "0" })).toThrow(
      /OPENAI_BREAKER_FAILURES/,
    );
  });

  it("reports every invalid variable at once", () => {
    const error = (() => {
      try {
        loadConfig({ REDIS_URL: "http://nope", LOG_LEVEL: "loud", OPENAI_TIMEOUT_MS: "5" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/REDIS_URL[\s\S]*LOG_LEVEL[\s\S]*OPENAI_TIMEOUT_MS/);
  });

  it("refuses a Slack token encryption key that is not random (all A), saying how to make one", () => {
    const weak = {
      SLACK_CLIENT_ID: "1.2",
      SLACK_CLIENT_SECRET: "secret",
      SLACK_STATE_SECRET: "state",
      SLACK_SIGNING_SECRET: "signing",
      SLACK_TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, "A").toString("base64"),
    };
    expect(() => loadConfig(weak)).toThrow(/not random enough[\s\S]*SLACK_TOKEN_ENCRYPTION_KEY/);
    const strong = { ...weak, SLACK_TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
    expect(loadConfig(strong).slack?.oauth?.clientId).toBe("1.2");
  });
});
