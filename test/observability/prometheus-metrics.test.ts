import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PrometheusMetrics } from "../../src/observability/prometheus-metrics.ts";
import { metricFamilies, sampleSum } from "../support/prometheus-text.ts";

const OPERATIONS_DOC = readFileSync(join(import.meta.dirname, "../../docs/operations.md"), "utf8");

/** One report of every kind, so every metric has a sample. */
function reportEverything(metrics: PrometheusMetrics): void {
  metrics.interviewStarted("discord");
  metrics.interviewCompleted("discord");
  metrics.interviewAbandoned("slack");
  metrics.turnCommitted("discord", 0.004);
  metrics.turnCommitted("discord", 2);
  metrics.coachCallSucceeded("evaluate-answer", "offline", 0.002);
  metrics.coachCallFailed("summarise", "llm", "timeout");
  metrics.coachFellBack("summarise", "timeout");
  metrics.tokensUsed("gpt-4.1-mini", "evaluate-answer", 1200, 300);
  metrics.documentParsed();
  metrics.documentRefused("too-large");
  metrics.jobFailed("timers");
  metrics.platformApiFailed("slack");
  metrics.platformRateLimited("discord");
}

describe("PrometheusMetrics", () => {
  it("exposes each report under its documented name and labels", async () => {
    const metrics = new PrometheusMetrics();
    metrics.watchJobQueues(async () => [{ queue: "timers", state: "waiting", jobs: 3 }]);
    reportEverything(metrics);
    const { body } = await metrics.exposition();
    expect(sampleSum(body, "secondround_interviews_started_total", { platform: "discord" })).toBe(1);
    expect(sampleSum(body, "secondround_interviews_abandoned_total", { platform: "slack" })).toBe(1);
    expect(sampleSum(body, "secondround_turn_duration_seconds_count", { platform: "discord" })).toBe(2);
    expect(
      sampleSum(body, "secondround_turn_duration_seconds_bucket", { platform: "discord", le: "0.005" }),
    ).toBe(1);
    expect(
      sampleSum(body, "secondround_coach_call_errors_total", {
        task: "summarise",
        coach: "llm",
        error: "timeout",
      }),
    ).toBe(1);
    expect(sampleSum(body, "secondround_llm_input_tokens_total", { model: "gpt-4.1-mini" })).toBe(1200);
    expect(sampleSum(body, "secondround_llm_output_tokens_total", { task: "evaluate-answer" })).toBe(300);
    expect(sampleSum(body, "secondround_documents_refused_total", { reason: "too-large" })).toBe(1);
    expect(sampleSum(body, "secondround_job_queue_depth", { queue: "timers", state: "waiting" })).toBe(3);
    expect(sampleSum(body, "secondround_platform_rate_limited_total", { platform: "discord" })).toBe(1);
  });

  it("leaves the queue depth empty when the counts cannot be read (Redis away)", async () => {
    const metrics = new PrometheusMetrics();
    metrics.watchJobQueues(() => Promise.reject(new Error("Connection is closed.")));
    const { body } = await metrics.exposition();
    expect(body).toContain("# TYPE secondround_job_queue_depth gauge");
    expect(body).not.toMatch(/^secondround_job_queue_depth\{/m);
  });

  it("has every one of its own metrics described in docs/operations.md", async () => {
    const metrics = new PrometheusMetrics();
    const { body } = await metrics.exposition();
    const own = metricFamilies(body).filter((name) => !/^secondround_(process|nodejs)_/.test(name));
    expect(own.length).toBeGreaterThanOrEqual(15);
    for (const name of own) expect(OPERATIONS_DOC, name).toContain(`\`${name}\``);
  });
});
