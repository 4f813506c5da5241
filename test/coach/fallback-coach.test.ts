import { describe, expect, it } from "vitest";
import { FallbackCoach } from "../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { plannedFromBankText, standInText } from "../../src/core/interview/copy.ts";
import { CoachError, type CoachFailure } from "../../src/core/model/errors.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import type { Coach } from "../../src/core/ports/coach-port.ts";
import { silentLogger } from "../support/engine-harness.ts";
import { processAnswer, processQuestion } from "./process-story.ts";

const options = InterviewOptionsSchema.parse({ role: "Analyst", company: "Acme", questionCount: 3 });
const question = processQuestion;
const answerText = processAnswer;

/** An AI coach where every task fails with the same error. */
function failingCoach(error: () => Error): Coach {
  const fail = async (): Promise<never> => {
    throw error();
  };
  return {
    name: "llm",
    planQuestions: fail,
    decideFollowUp: fail,
    evaluateAnswer: fail,
    assessCandidateQuestions: fail,
    summarise: fail,
    rewriteStory: fail,
  };
}

/** The offline coach, counting how often it is asked. */
function countingOffline() {
  const offline = createOfflineCoach();
  const calls = { count: 0 };
  const counted = <A extends unknown[], R>(run: (...args: A) => Promise<R>) => {
    return (...args: A) => {
      calls.count += 1;
      return run(...args);
    };
  };
  const coach: Coach = {
    name: "offline",
    planQuestions: counted((request) => offline.planQuestions(request)),
    decideFollowUp: counted((request) => offline.decideFollowUp(request)),
    evaluateAnswer: counted((request) => offline.evaluateAnswer(request)),
    assessCandidateQuestions: counted((request) => offline.assessCandidateQuestions(request)),
    summarise: counted((request) => offline.summarise(request)),
    rewriteStory: counted(() => offline.rewriteStory()),
  };
  return { coach, calls };
}

describe("FallbackCoach", () => {
  it("lets a programming error through instead of answering with the offline coach", async () => {
    const offline = countingOffline();
    const coach = new FallbackCoach(
      failingCoach(() => new TypeError("Cannot read properties of undefined (reading 'score')")),
      offline.coach,
      silentLogger(),
    );
    await expect(coach.evaluateAnswer({ question, answerText, options })).rejects.toBeInstanceOf(TypeError);
    await expect(coach.planQuestions({ options, seed: "s" })).rejects.toBeInstanceOf(TypeError);
    await expect(coach.summarise({ options, evaluations: [] })).rejects.toBeInstanceOf(TypeError);
    expect(offline.calls.count).toBe(0);
  });

  it.each<[CoachFailure, RegExp]>([
    ["unavailable", /^The AI coach was unavailable, /],
    ["timeout", /^The AI coach did not answer in time, /],
    ["rate-limited", /^The AI coach's provider was limiting requests, /],
    ["invalid-output", /^The AI coach's reply did not pass our checks, /],
    ["circuit-open", /^The AI coach is paused after repeated provider failures, /],
  ])("says the real reason (%s) on everything the offline coach answers", async (failure, reason) => {
    const coach = new FallbackCoach(
      failingCoach(() => new CoachError(`AI coach: ${failure}`, { retryable: true, failure })),
      createOfflineCoach(),
      silentLogger(),
    );
    const evaluation = await coach.evaluateAnswer({ question, answerText, options });
    expect(evaluation.coach).toBe("offline");
    expect(evaluation.fallbackReason).toBe(standInText(failure, "answer"));
    expect(evaluation.fallbackReason).toMatch(reason);
    if (failure !== "unavailable") expect(evaluation.fallbackReason).not.toMatch(/unavailable/);

    const plan = await coach.planQuestions({ options, seed: "s" });
    expect(plan.questions).toHaveLength(3);
    expect(plan.fallbackReason).toBe(plannedFromBankText(failure, 3, 3));

    const assessment = await coach.assessCandidateQuestions({
      text: "What does success look like?",
      options,
    });
    expect(assessment.fallbackReason).toBe(standInText(failure, "candidate-questions"));
    const summary = await coach.summarise({ options, evaluations: [{ question, evaluation }] });
    expect(summary.fallbackReason).toBe(standInText(failure, "summary"));
    const rewrite = await coach.rewriteStory({ question, answerText, options });
    expect(rewrite).toEqual({ story: null, fallbackReason: standInText(failure, "stronger-version") });
  });
});
