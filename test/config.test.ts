import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { ConfigError } from "../src/core/errors.ts";

const root = join(import.meta.dirname, "..");

describe("configuration", () => {
  it("needs nothing for terminal practice on the offline coach", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      redisUrl: undefined,
      openai: undefined,
      keyPrefix: "sr",
      platforms: { discord: false, slack: false },
    });
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ REDIS_URL: "", OPENAI_API_KEY: "", LOG_LEVEL: "" })).toMatchObject({
      redisUrl: undefined,
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
      timeoutMs: 30_000,
      models: { questions: "llama3.1", evaluation: "big" },
    });
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

  it("documents every variable in .env.example", () => {
    const schemaKeys = [
      ...readFileSync(join(root, "src/config.ts"), "utf8").matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm),
    ].map((match) => match[1]);
    const example = readFileSync(join(root, ".env.example"), "utf8");
    expect(schemaKeys.length).toBeGreaterThan(10);
    for (const key of schemaKeys) expect(example, key).toMatch(new RegExp(`^${key}=`, "m"));
  });
});
