import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FallbackCoach } from "../../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../../src/coach/offline-coach.ts";
import { ProviderCircuit } from "../../../src/coach/openai/provider-circuit.ts";
import { loadPromptLibrary } from "../../../src/coach/prompt-library.ts";
import { standInText } from "../../../src/core/interview/copy.ts";
import { CoachError } from "../../../src/core/model/errors.ts";
import { InterviewOptionsSchema } from "../../../src/core/model/interview-options.ts";
import type { ChatReply } from "../../emulators/openai/index.ts";
import { emulatorOpenAICoach } from "../../support/emulator-openai-coach.ts";
import { silentLogger } from "../../support/engine-harness.ts";
import { useOpenAIEmulator } from "../../support/use-openai-emulator.ts";
import { processAnswer, processQuestion } from "../process-story.ts";
import { validReply } from "../robustness/emulated-model.ts";

const _prompts = loadPromptLibrary();
const options = InterviewOptionsSchema.parse({ role: "Analyst", company: "Acme" });
const question = processQuestion;
const answerText = processAnswer;
const COOL_DOWN_MS = 30_000;

const currentEmulator = useOpenAIEmulator();

function stack(circuitSettings: { failureThreshold?: number; callDeadlineMs?: number } = {}) {
  const circuit = new ProviderCircuit({
    failureThreshold: circuitSettings.failureThreshold ?? 3,
    coolDownMs: COOL_DOWN_MS,
    callDeadlineMs: circuitSettings.callDeadlineMs ?? 5_000,
  });
  const ai = emulatorOpenAICoach(currentEmulator().url, { timeout: 5_000, circuit });
  return { circuit, coach: new FallbackCoach(ai, createOfflineCoach(), silentLogger()) };
}

const evaluate = (coach: FallbackCoach) => coach.evaluateAnswer({ question, answerText, options });

describe("the provider's circuit breaker", () => {
  beforeEach(() => {
    // Only the clock the breaker reads is faked: HTTP, sockets and timers stay real.
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("stops calling a failing provider for the cool-down, answers offline at once, then probes", async () => {
    const emulator = currentEmulator();
    const faults: ChatReply[] = [
      { kind: "server-error" },
      { kind: "connection-reset" },
      { kind: "rate-limit", retryAfterSeconds: 0 },
    ];
    emulator.script(...faults);
    const { circuit, coach } = stack();

    for (let call = 0; call < faults.length; call += 1) {
      const evaluation = await evaluate(coach);
      expect(evaluation.coach).toBe("offline");
      expect(evaluation.fallbackReason).not.toBe(standInText("circuit-open", "answer"));
    }
    expect(emulator.requests).toHaveLength(3);
    expect(circuit.state).toBe("open");
    expect(circuit.timesOpened).toBe(1);

    // During the cool-down nothing reaches the provider, and the label says why.
    vi.setSystemTime(Date.now() + COOL_DOWN_MS - 1_000);
    for (let call = 0; call < 5; call += 1) {
      const evaluation = await evaluate(coach);
      expect(evaluation.coach).toBe("offline");
      expect(evaluation.fallbackReason).toBe(standInText("circuit-open", "answer"));
    }
    expect(emulator.requests).toHaveLength(3);

    // After it, one probe goes through; it succeeds, so the circuit closes and calls flow again.
    vi.setSystemTime(Date.now() + 2_000);
    emulator.script(validReply, validReply);
    const probed = await evaluate(coach);
    expect(emulator.requests).toHaveLength(4);
    expect(probed.coach).toBe("llm");
    expect(circuit.state).toBe("closed");
    expect((await evaluate(coach)).coach).toBe("llm");
    expect(emulator.requests).toHaveLength(5);
  });

  it("opens again when the probe after the cool-down fails", async () => {
    const emulator = currentEmulator();
    emulator.script({ kind: "server-error" }, { kind: "server-error" }, { kind: "server-error" });
    const { circuit, coach } = stack({ failureThreshold: 2 });
    await evaluate(coach);
    await evaluate(coach);
    expect(circuit.state).toBe("open");
    vi.setSystemTime(Date.now() + COOL_DOWN_MS + 1);
    await evaluate(coach);
    expect(emulator.requests).toHaveLength(3);
    expect(circuit.state).toBe("open");
    expect(circuit.timesOpened).toBe(2);
    expect((await evaluate(coach)).fallbackReason).toBe(standInText("circuit-open", "answer"));
    expect(emulator.requests).toHaveLength(3);
  });

  it("does not open on replies that are merely invalid: the provider is up", async () => {
    const emulator = currentEmulator();
    emulator.script(...Array.from({ length: 4 }, (): ChatReply => ({ kind: "malformed-json" })));
    const { circuit, coach } = stack({ failureThreshold: 2 });
    for (let call = 0; call < 4; call += 1) {
      expect((await evaluate(coach)).fallbackReason).toBe(standInText("invalid-output", "answer"));
    }
    expect(circuit.state).toBe("closed");
    expect(emulator.requests).toHaveLength(4);
  });
});

describe("the call deadline", () => {
  it("gives up on a hanging provider at the deadline, as a timeout, and hangs up", async () => {
    const emulator = currentEmulator();
    emulator.script({ kind: "slow", delayMs: 60_000, reply: { kind: "json", content: {} } });
    const circuit = new ProviderCircuit({
      failureThreshold: 5,
      coolDownMs: COOL_DOWN_MS,
      callDeadlineMs: 200,
    });
    const ai = emulatorOpenAICoach(emulator.url, { maxRetries: 3, timeout: 60_000, circuit });
    const failure = await ai
      .evaluateAnswer({ question, answerText, options })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CoachError);
    expect((failure as CoachError).failure).toBe("timeout");
    // The SDK would have retried three times; the deadline covers the retries too. On a busy machine the
    // request may still be unread in the emulator's socket when the deadline passes: let it arrive first.
    await emulator.settle();
    expect(emulator.requests).toHaveLength(1);
  });
});
