import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import type { Question } from "../../src/core/model/question.ts";
import type { Coach } from "../../src/core/ports/coach-port.ts";

/** A story question about delivering under pressure: what practice mode's stronger version is for. */
export const PRESSURE_STORY: Question = {
  id: "pressure-1",
  text: "Tell me about a time you delivered results under real time pressure.",
  kind: "behavioural",
  competency: "pressure",
  hint: "Situation, task, action, result.",
  topicWords: ["deadline", "pressure"],
};

/** The offline coach, asking the given questions in order instead of choosing from the bank. */
export function offlineCoachAsking(questions: readonly Question[] = [PRESSURE_STORY]): Coach {
  const offline = createOfflineCoach();
  return {
    name: offline.name,
    planQuestions: async (request) => ({ questions: questions.slice(0, request.options.questionCount) }),
    decideFollowUp: (request) => offline.decideFollowUp(request),
    evaluateAnswer: (request) => offline.evaluateAnswer(request),
    assessCandidateQuestions: (request) => offline.assessCandidateQuestions(request),
    summarise: (request) => offline.summarise(request),
    rewriteStory: () => offline.rewriteStory(),
  };
}

/** A first answer with no task and no number, and a retry that adds both. */
export const FIRST_ATTEMPT =
  "Last spring I worked as an analyst on a data migration at a retailer. We were two weeks behind the deadline. " +
  "I rebuilt the migration plan and moved the largest tables myself over the weekend. We finished on time.";
export const BETTER_ATTEMPT =
  "Last spring I worked as an analyst on a data migration at a retailer. My task was to get us back on schedule. " +
  "I rebuilt the migration plan, split the work into daily batches and moved the largest tables myself. " +
  "As a result we finished 3 days early and cut the reporting errors by 40%.";
