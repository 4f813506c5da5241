import { findStoryFacts } from "../src/coach/language/story-facts.ts";
import { looksAddressedToGrader } from "../src/coach/rubric/index.ts";
import { loadConfig } from "../src/config.ts";
import { InterviewEngine } from "../src/core/engine/interview-engine.ts";
import type { ConversationKey } from "../src/core/model/conversation.ts";
import type { CommitRequest, SessionStore } from "../src/core/ports/ports.ts";
import { createRuntime } from "../src/runtime.ts";
import { MemorySessionStore } from "../src/store/memory-session-store.ts";
import { type ChatReply, type ChatRequestBody, startOpenAIEmulator } from "../test/emulators/openai/index.ts";
import { hashString, seededRandom } from "../test/support/seeded-random.ts";
import { answerCurrentPrompt, startInterview } from "./bench-interview.ts";
import { percentile } from "./redis-metrics.ts";
import { simulatedModel } from "./simulated-model.ts";

/**
 * Time from submitting an answer to its evaluation being stored, with the AI coach on its default
 * bounds (per-attempt timeout, one retry, call deadline, circuit breaker) against a local
 * OpenAI-compatible server that fails a share of requests in one way. Prints figures only.
 */

export const FAULTS: Record<string, (() => ChatReply) | null> = {
  none: null,
  "HTTP 500": () => ({ kind: "server-error" }),
  "429 + Retry-After 1 s": () => ({ kind: "rate-limit", retryAfterSeconds: 1 }),
  "timeout (hang)": () => ({ kind: "slow", delayMs: 120_000, reply: { kind: "json", content: {} } }),
  "malformed JSON": () => ({ kind: "malformed-json" }),
  "connection reset": () => ({ kind: "connection-reset" }),
};

export interface FaultFigures {
  readonly evaluationsMs: number[];
  readonly fallbacks: number;
  readonly requests: number;
  readonly breakerOpens: number;
}

/** Records when each answer's evaluation is first committed. */
class EvaluationTimes implements SessionStore {
  readonly stored = new Map<string, number>();
  readonly #inner: SessionStore;
  constructor(inner: SessionStore) {
    this.#inner = inner;
  }
  load = (conversation: ConversationKey) => this.#inner.load(conversation);
  read: SessionStore["read"] = (...args) => this.#inner.read(...args);
  enqueue: SessionStore["enqueue"] = (...args) => this.#inner.enqueue(...args);
  markDelivered: SessionStore["markDelivered"] = (...args) => this.#inner.markDelivered(...args);
  claimOverdueDeliveries: SessionStore["claimOverdueDeliveries"] = (...args) =>
    this.#inner.claimOverdueDeliveries(...args);
  claimDueTimers: SessionStore["claimDueTimers"] = (...args) => this.#inner.claimDueTimers(...args);
  completeTimer: SessionStore["completeTimer"] = (member) => this.#inner.completeTimer(member);
  claimEvent = (conversation: ConversationKey, eventId: string) =>
    this.#inner.claimEvent(conversation, eventId);
  delete = (conversation: ConversationKey) => this.#inner.delete(conversation);
  close = () => this.#inner.close();
  async commit(request: CommitRequest) {
    const result = await this.#inner.commit(request);
    if (result.status === "committed" && request.next) {
      for (const answer of request.next.answers) {
        const key = `${request.conversation}/${answer.questionId}`;
        if (answer.evaluation && !this.stored.has(key)) this.stored.set(key, performance.now());
      }
    }
    return result;
  }
}

/**
 * `interviews` candidates answer `questions` questions each, in parallel, while `rate` of the
 * model's requests fail with `fault` (the rest answer after `modelMs`).
 */
export async function measureFault(
  fault: (() => ChatReply) | null,
  options: { rate: number; interviews: number; questions: number; modelMs: number; seed: number },
): Promise<FaultFigures> {
  const model = await startOpenAIEmulator();
  const random = seededRandom(options.seed);
  model.script(
    ...Array.from({ length: 20_000 }, () => (body: ChatRequestBody) => {
      if (fault && random() < options.rate) return fault();
      return { kind: "slow" as const, delayMs: options.modelMs, reply: simulatedModel(body) };
    }),
  );
  const runtime = createRuntime(
    loadConfig({ OPENAI_BASE_URL: `${model.url}/v1`, OPENAI_API_KEY: "bench", LOG_LEVEL: "silent" }),
  );
  const store = new EvaluationTimes(new MemorySessionStore({}));
  const engine = new InterviewEngine({
    store,
    coach: runtime.coach,
    standInCoach: runtime.offlineCoach,
    isInstruction: looksAddressedToGrader,
    findFacts: findStoryFacts,
    sender: { send: async () => {} },
    clock: { now: () => Date.now() },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    newSessionId: () => crypto.randomUUID(),
    backgroundTasks: runtime.backgroundTasks,
  });
  const submitted = new Map<string, number>();
  await Promise.all(
    Array.from({ length: options.interviews }, async (_, index) => {
      const conversation: ConversationKey = `terminal:faults-${options.seed}-${index}`;
      await startInterview(engine, conversation, options.questions);
      for (;;) {
        const questionId = (await engine.current(conversation))?.turn?.questionId;
        const key = `${conversation}/${questionId}`;
        if (questionId && !submitted.has(key)) submitted.set(key, performance.now());
        if (!(await answerCurrentPrompt(engine, conversation))) break;
      }
    }),
  );
  await engine.idle();
  const evaluationsMs: number[] = [];
  let fallbacks = 0;
  for (const [key, at] of submitted) {
    const stored = store.stored.get(key);
    if (stored !== undefined) evaluationsMs.push(stored - at);
  }
  for (let index = 0; index < options.interviews; index += 1) {
    const session = await engine.current(`terminal:faults-${options.seed}-${index}`);
    fallbacks += session?.answers.filter((answer) => answer.evaluation?.fallbackReason).length ?? 0;
  }
  const figures = {
    evaluationsMs,
    fallbacks,
    requests: model.requests.length,
    breakerOpens: runtime.providerCircuit?.timesOpened ?? 0,
  };
  await model.close();
  return figures;
}

export function seedFor(name: string): number {
  return hashString(name);
}

export function formatFaultRow(name: string, figures: FaultFigures): string {
  const ms = (value: number) => `${(value / 1000).toFixed(2)} s`.padStart(8);
  const { evaluationsMs } = figures;
  return `  ${name.padEnd(22)} ${String(evaluationsMs.length).padStart(5)}  ${ms(percentile(evaluationsMs, 50))}  ${ms(percentile(evaluationsMs, 99))}  ${ms(Math.max(...evaluationsMs))}  ${String(figures.fallbacks).padStart(9)}  ${String(figures.requests).padStart(8)}  ${String(figures.breakerOpens).padStart(13)}`;
}
