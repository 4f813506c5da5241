// The runtime's coaches report to its metrics once a serving role switches them to Prometheus: the AI coach's
// calls and tokens (from the provider's usage), its failures by kind, and the offline coach standing in.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import { PrometheusMetrics } from "../../src/observability/prometheus-metrics.ts";
import { createRuntime } from "../../src/runtime.ts";
import { sampleSum } from "../support/prometheus-text.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const emulator = useOpenAIEmulator();
const options = InterviewOptionsSchema.parse({ role: "Analyst", company: "Acme", questionCount: 3 });

function aiRuntime() {
  const runtime = createRuntime(
    loadConfig({
      OPENAI_BASE_URL: `${emulator().url}/v1`,
      OPENAI_API_KEY: "test",
      OPENAI_MODEL_REPORT: "report-model",
      OPENAI_MAX_RETRIES: "0",
      LOG_LEVEL: "silent",
    }),
  );
  const metrics = new PrometheusMetrics();
  runtime.metrics.use(metrics);
  return { runtime, metrics };
}

const summary = { strengths: ["Clear results."], improvements: ["Say more about your own part."] };

describe("the runtime's coach metrics", () => {
  it("count an AI call with its latency and the tokens the provider reported, by model and task", async () => {
    const { runtime, metrics } = aiRuntime();
    emulator().script({ kind: "json", content: summary });
    await runtime.coach.summarise({ options, evaluations: [] });
    const { body } = await metrics.exposition();
    const call = { task: "summarise", coach: "llm" };
    expect(sampleSum(body, "secondround_coach_call_duration_seconds_count", call)).toBe(1);
    const tokens = { model: "report-model", task: "summarise" };
    expect(sampleSum(body, "secondround_llm_input_tokens_total", tokens)).toBeGreaterThan(0);
    expect(sampleSum(body, "secondround_llm_output_tokens_total", tokens)).toBeGreaterThan(0);
    expect(sampleSum(body, "secondround_coach_fallbacks_total")).toBe(0);
  });

  it("count a failed AI call by kind, the offline coach standing in, and its own call", async () => {
    const { runtime, metrics } = aiRuntime();
    emulator().script({ kind: "rate-limit", retryAfterSeconds: 0 });
    const result = await runtime.coach.summarise({ options, evaluations: [] });
    expect(result.fallbackReason).toBeTruthy();
    const { body } = await metrics.exposition();
    expect(
      sampleSum(body, "secondround_coach_call_errors_total", {
        task: "summarise",
        coach: "llm",
        error: "rate-limited",
      }),
    ).toBe(1);
    expect(
      sampleSum(body, "secondround_coach_fallbacks_total", { task: "summarise", reason: "rate-limited" }),
    ).toBe(1);
    expect(
      sampleSum(body, "secondround_coach_call_duration_seconds_count", {
        task: "summarise",
        coach: "offline",
      }),
    ).toBe(1);
    expect(sampleSum(body, "secondround_coach_call_duration_seconds_count", { coach: "llm" })).toBe(0);
  });

  it("report nowhere until a serving role switches them on (the terminal never does)", async () => {
    const runtime = createRuntime(loadConfig({ LOG_LEVEL: "silent" }));
    await runtime.coach.summarise({ options, evaluations: [] });
    const metrics = new PrometheusMetrics();
    runtime.metrics.use(metrics);
    const count = async () =>
      sampleSum((await metrics.exposition()).body, "secondround_coach_call_duration_seconds_count", {
        coach: "offline",
      });
    expect(await count()).toBe(0);
    await runtime.coach.summarise({ options, evaluations: [] });
    expect(await count()).toBe(1);
  });
});
