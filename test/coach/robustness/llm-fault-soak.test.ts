import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { FallbackCoach } from "../../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../../src/coach/offline-coach.ts";
import { OpenAICoach } from "../../../src/coach/openai/openai-coach.ts";
import { loadPromptLibrary } from "../../../src/coach/prompt-library.ts";
import { turnIdOf } from "../../../src/core/interview/session-turns.ts";
import type { ConversationKey } from "../../../src/core/model/conversation.ts";
import { EvaluationSchema } from "../../../src/core/model/evaluation.ts";
import { ReportSchema } from "../../../src/core/model/report.ts";
import type { Session } from "../../../src/core/model/session.ts";
import type { CommitRequest, CommitResult } from "../../../src/core/ports/ports.ts";
import { MemorySessionStore } from "../../../src/store/memory-session-store.ts";
import type { ChatRequestBody } from "../../emulators/openai/index.ts";
import { inbound, ManualClock, makeEngine } from "../../support/engine-harness.ts";
import { hashString, pick, seededRandom } from "../../support/seeded-random.ts";
import { useOpenAIEmulator } from "../../support/use-openai-emulator.ts";
import * as ex from "../rubric/example-answers.ts";
import { taskOf } from "./emulated-model.ts";
import { FAULT_KINDS, FAULT_RATE, FaultPlan, regimeOf } from "./fault-plan.ts";

/**
 * Requirement 12: LLM faults (timeout, 429, 500, schema-invalid JSON, refusal, finish_reason
 * length) at 20 % each, against the production stack (real `openai` client → emulator, wrapped
 * in FallbackCoach with the offline coach) driven through InterviewEngine. Every interview must
 * finish with a report, every answer must have valid feedback from the AI coach or a labelled
 * fallback, and no logical call may take more than 3 attempts.
 */

const SEED = 20_240_612;
/** 6 fault kinds × 4 interviews each, then 6 interviews with all kinds mixed. */
const SINGLE_KIND_INTERVIEWS = FAULT_KINDS.length * 4;
const INTERVIEWS = SINGLE_KIND_INTERVIEWS + 6;
const MAX_RETRIES = 2;
/**
 * The client's timeout per attempt. A "timeout" fault never answers (see fault-plan.ts), so this is only how long
 * each one costs; valid replies must come well within it. Client, emulator and rubric share one event loop: on a
 * busy machine (the suite twice on two cores) 500 ms timed out dozens of valid replies, and a request could time out
 * before the emulator had even read it.
 */
const TIMEOUT_MS = 5_000;
/** Interviews in flight at once: client, emulator and rubric share one event loop. */
const CONCURRENT_INTERVIEWS = 10;

const JUNK = ["asdf jkl qwer", "idk", ex.loremIpsum] as const;
const ANSWERS = [
  ex.completeStar,
  ex.starWithoutNumber,
  ex.starWithoutResult,
  ex.noResultStory,
  ex.mostlyWe,
  ex.motivationAnswer,
  ex.cultureFitAnswer,
  `${ex.completeStar} ${ex.injection}`,
  ...JUNK,
];
const PROBE_REPLY =
  "It took the average reply time from 3 days to 1 day, about 60% faster, within six weeks.";
const CLOSING_REPLY =
  "What are the team's biggest goals this year? How would you measure success in this role?";

const emulator = useOpenAIEmulator();
const prompts = loadPromptLibrary();

function recordingLogger() {
  const warnings: { task: string; failure: string }[] = [];
  const logger = {
    debug() {},
    info() {},
    error() {},
    warn(_message: string, fields?: Record<string, unknown>) {
      warnings.push({ task: String(fields?.task), failure: String(fields?.failure) });
    },
  };
  return { logger, warnings };
}

/** Exactly as src/runtime.ts builds the AI coach. */
function productionStack(baseURL: string) {
  const client = new OpenAI({ apiKey: "test", baseURL, timeout: TIMEOUT_MS, maxRetries: MAX_RETRIES });
  const aiCoach = new OpenAICoach({
    client,
    prompts,
    models: { questions: "m-q", turn: "m-t", evaluation: "m-e", report: "m-r" },
  });
  const { logger, warnings } = recordingLogger();
  return { coach: new FallbackCoach(aiCoach, createOfflineCoach(), logger), warnings };
}

/** Counts compare-and-set conflicts: the engine then re-applies the event, coach calls included. */
class ConflictCountingStore extends MemorySessionStore {
  static conflicts = 0;
  override async commit(request: CommitRequest): Promise<CommitResult> {
    const result = await super.commit(request);
    if (result.status === "conflict") ConflictCountingStore.conflicts += 1;
    return result;
  }
}

interface InterviewRun {
  readonly index: number;
  readonly session: Session | null;
  /** Question ids answered with junk in a single part: must stay not scorable. */
  readonly junkAnswers: readonly string[];
}

async function runInterview(index: number, coach: FallbackCoach): Promise<InterviewRun> {
  const random = seededRandom(hashString(`${SEED}:answers:${index}`));
  const clock = new ManualClock();
  const store = new ConflictCountingStore({ clock });
  const { engine } = makeEngine({ coach, clock, store, backgroundTasks: new Set(["evaluate-answer"]) });
  const conversation: ConversationKey = `terminal:soak-${index}`;
  const company = `Soak Co ${String(index).padStart(2, "0")}`;
  await engine.handle(inbound.start(conversation, { company, questionCount: 3 + (index % 2) }));
  const junkAnswers: string[] = [];
  for (let turns = 0; turns < 20; turns += 1) {
    const session = await engine.current(conversation);
    const turn = session?.turn;
    if (session?.phase !== "interviewing" || !turn) break;
    const question = session.questions[session.currentIndex];
    let text: string;
    if (turn.prompt === "probe") text = PROBE_REPLY;
    else if (question?.kind === "closing") text = CLOSING_REPLY;
    else {
      text = pick(random, ANSWERS);
      if ((JUNK as readonly string[]).includes(text)) junkAnswers.push(turn.questionId);
    }
    await engine.handle(inbound.answer(conversation, turnIdOf(turn), text));
  }
  await engine.idle();
  return { index, session: await engine.current(conversation), junkAnswers };
}

const figures = {
  wallMs: 0,
  requests: 0,
  logicalCalls: 0,
  attempts: new Map<number, number>(),
  served: new Map<string, number>(),
  fallbacks: new Map<string, number>(),
  repeatedBodies: new Map<string, number>(),
  evaluations: { ai: 0, fallback: 0, notScorable: 0, junk: 0 },
  finished: 0,
};

afterAll(() => {
  const table = (map: Map<string | number, number>) =>
    [...map.entries()]
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([key, count]) => `${key}=${count}`)
      .join(", ");
  console.log(
    [
      `[llm-fault-soak] ${figures.finished}/${INTERVIEWS} interviews finished in ${Math.round(figures.wallMs)} ms`,
      `  regimes: ${FAULT_KINDS.map((kind) => `${kind}×4`).join(", ")}, mixed×6; faults in ${FAULT_RATE * 100} % of each interview's requests`,
      `  replies served: ${table(figures.served)}`,
      `  HTTP requests ${figures.requests}, logical calls ${figures.logicalCalls}, attempts per call (calls started once): ${table(figures.attempts)}`,
      `  identical requests started again (engine re-ran the task after ${ConflictCountingStore.conflicts} commit conflicts): ${table(figures.repeatedBodies) || "none"}`,
      `  fallbacks to the offline coach (task/failure): ${table(figures.fallbacks) || "none"}`,
      `  answer evaluations: AI ${figures.evaluations.ai}, labelled fallback ${figures.evaluations.fallback}, not scorable ${figures.evaluations.notScorable} (junk answers ${figures.evaluations.junk})`,
    ].join("\n"),
  );
});

describe("LLM fault soak (requirement 12)", () => {
  it(`finishes ${INTERVIEWS} interviews with valid, labelled feedback for every answer`, async () => {
    const plan = new FaultPlan(SEED, SINGLE_KIND_INTERVIEWS);
    emulator().script(...Array.from({ length: 20_000 }, () => plan.reply));
    const { coach, warnings } = productionStack(`${emulator().url}/v1`);

    const started = performance.now();
    const runs: InterviewRun[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENT_INTERVIEWS }, async () => {
        while (next < INTERVIEWS) runs.push(await runInterview(next++, coach));
      }),
    );
    runs.sort((a, b) => a.index - b.index);
    expect(runs).toHaveLength(INTERVIEWS);
    figures.wallMs = performance.now() - started;

    for (const run of runs) {
      const { session } = run;
      const label = `interview ${run.index} (${regimeOf(run.index, SINGLE_KIND_INTERVIEWS)})`;
      expect(session?.phase, label).toBe("finished");
      const report = ReportSchema.parse(session?.report);
      figures.finished += 1;
      expect(report.overallScore === null || (report.overallScore >= 0 && report.overallScore <= 100)).toBe(
        true,
      );
      const answered = report.questions.filter((question) => question.status === "answered");
      expect(answered.length, label).toBeGreaterThanOrEqual(3);
      for (const question of answered) {
        const evaluation = EvaluationSchema.parse(question.evaluation);
        expect(evaluation.notScorableReason, label).not.toBe("coach-unavailable");
        if (evaluation.coach === "llm") {
          expect(evaluation.fallbackReason, label).toBeNull();
          figures.evaluations.ai += 1;
        } else {
          expect(evaluation.fallbackReason, label).toMatch(
            /^The AI coach[ ’'a-z]+, so the offline coach assessed this answer\.$/,
          );
          expect(report.coaches, label).toContain("offline (fallback)");
          figures.evaluations.fallback += 1;
        }
        if (evaluation.score !== null) {
          expect(Number.isInteger(evaluation.score)).toBe(true);
          expect(evaluation.score).toBeGreaterThanOrEqual(0);
          expect(evaluation.score).toBeLessThanOrEqual(100);
        }
        if (!evaluation.scorable) {
          expect(evaluation.score).toBeNull();
          figures.evaluations.notScorable += 1;
        }
        if (run.junkAnswers.includes(question.questionId) && !question.probed) {
          figures.evaluations.junk += 1;
          expect(evaluation, `${label}: junk answer to ${question.questionId}`).toMatchObject({
            scorable: false,
            score: null,
          });
        }
      }
    }

    // Attempts per logical call: requests with the same body are one call and its retries.
    const requests = emulator().requests.filter((request) => request.path === "/v1/chat/completions");
    // Every request got a scripted reply (an exhausted script would serve "{}" silently).
    expect(requests.length).toBeLessThan(20_000);
    const calls = new Map<number, { task: string; starts: number; attempts: number; maxRetry: number }>();
    for (const request of requests) {
      const body = request.body as ChatRequestBody;
      const key = hashString(JSON.stringify(body.messages));
      const retry = Number(request.headers["x-stainless-retry-count"]);
      expect(Number.isInteger(retry), "x-stainless-retry-count header").toBe(true);
      expect(retry).toBeLessThanOrEqual(MAX_RETRIES);
      const call = calls.get(key) ?? { task: taskOf(body), starts: 0, attempts: 0, maxRetry: 0 };
      calls.set(key, {
        task: call.task,
        starts: call.starts + (retry === 0 ? 1 : 0),
        attempts: call.attempts + 1,
        maxRetry: Math.max(call.maxRetry, retry),
      });
    }
    for (const call of calls.values()) {
      expect(call.starts).toBeGreaterThanOrEqual(1);
      expect(call.attempts).toBeLessThanOrEqual(3 * call.starts);
      if (call.starts === 1)
        figures.attempts.set(call.attempts, (figures.attempts.get(call.attempts) ?? 0) + 1);
      else
        figures.repeatedBodies.set(call.task, (figures.repeatedBodies.get(call.task) ?? 0) + call.starts - 1);
    }
    figures.requests = requests.length;
    figures.logicalCalls = [...calls.values()].reduce((sum, call) => sum + call.starts, 0);
    for (const [kind, count] of plan.served) figures.served.set(kind, count);
    for (const warning of warnings) {
      const key = `${warning.task}/${warning.failure}`;
      figures.fallbacks.set(key, (figures.fallbacks.get(key) ?? 0) + 1);
    }

    // Every fault kind really happened, and the AI coach still answered most of the time.
    for (const kind of FAULT_KINDS) expect(plan.served.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect(figures.evaluations.ai).toBeGreaterThan(figures.evaluations.fallback);
    // About 30 s alone, most of it waiting out "timeout" faults; a busy machine adds the CPU-bound part several times.
  }, 180_000);
});
