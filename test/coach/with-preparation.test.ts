import { describe, expect, it } from "vitest";
import { FallbackCoach } from "../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { Evaluation } from "../../src/core/model/evaluation.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import type { Question } from "../../src/core/model/question.ts";
import type { Coach } from "../../src/core/ports/coach-port.ts";
import { silentLogger } from "../support/engine-harness.ts";

const question: Question = {
  id: "practical-1",
  text: "What are your salary expectations, and when could you start?",
  kind: "practical",
  competency: null,
  hint: "A range, your notice, when you could start.",
  topicWords: ["salary", "notice", "start"],
};
const answerText =
  "Based on similar roles in Manchester I'm looking for £38-42k. I'm on four weeks' notice, and I haven't looked at your annual report yet.";
const second = InterviewOptionsSchema.parse({ role: "Analyst", company: "Acme", stage: "second" });

/**
 * An AI coach whose evaluation claims every checklist item, with a quote the candidate never wrote:
 * the rubric's measurement must replace it.
 */
function boastfulAiCoach(): Coach {
  const offline = createOfflineCoach();
  return {
    name: "llm",
    planQuestions: (request) => offline.planQuestions(request),
    decideFollowUp: (request) => offline.decideFollowUp(request),
    assessCandidateQuestions: (request) => offline.assessCandidateQuestions(request),
    summarise: (request) => offline.summarise(request),
    rewriteStory: () => offline.rewriteStory(),
    evaluateAnswer: async (request): Promise<Evaluation> => ({
      ...(await offline.evaluateAnswer({ ...request, options: { ...request.options, stage: "first" } })),
      coach: "llm",
      preparation: [
        { item: "company-research", quote: "I studied your annual report in depth." },
        { item: "start-date", quote: "I can start tomorrow." },
      ],
    }),
  };
}

describe("the preparation checklist is measured the same for either coach", () => {
  it("gives the AI coach's evaluation the rubric's findings, replacing what the model claimed", async () => {
    const offline = await createOfflineCoach().evaluateAnswer({ question, answerText, options: second });
    const ai = await new FallbackCoach(
      boastfulAiCoach(),
      createOfflineCoach(),
      silentLogger(),
    ).evaluateAnswer({
      question,
      answerText,
      options: second,
    });
    expect(ai.coach).toBe("llm");
    expect(offline.preparation).toEqual([
      { item: "salary-range", quote: "Based on similar roles in Manchester I'm looking for £38-42k." },
      {
        item: "notice-period",
        quote: "I'm on four weeks' notice, and I haven't looked at your annual report yet.",
      },
    ]);
    expect(ai.preparation).toEqual(offline.preparation);
  });

  it("attaches nothing in a first round, even when the model claimed something", async () => {
    const first = { ...second, stage: "first" as const };
    const ai = await new FallbackCoach(
      boastfulAiCoach(),
      createOfflineCoach(),
      silentLogger(),
    ).evaluateAnswer({
      question,
      answerText,
      options: first,
    });
    expect(ai.preparation).toBeUndefined();
  });
});
