import { CoachError } from "../core/model/errors.ts";
import type { CoachTaskName } from "../core/model/session-events.ts";
import type { Coach } from "../core/ports/coach-port.ts";
import type { Metrics } from "../core/ports/metrics.ts";

/**
 * The coach, with the latency of every call and its failures reported by task and coach. Wrapped
 * around the AI coach and the offline coach separately (below FallbackCoach), so a call the
 * offline coach answers in the AI coach's place shows as one failed `llm` call and one `offline`
 * call rather than as a slow AI call.
 */
export function meteredCoach(coach: Coach, metrics: Metrics): Coach {
  const kind = coach.name;
  async function timed<T>(task: CoachTaskName, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await call();
      metrics.coachCallSucceeded(task, kind, (performance.now() - started) / 1_000);
      return result;
    } catch (error) {
      const failure = error instanceof CoachError ? error.failure : "internal";
      metrics.coachCallFailed(task, kind, failure);
      throw error;
    }
  }
  return {
    name: kind,
    planQuestions: (request) => timed("plan-questions", () => coach.planQuestions(request)),
    decideFollowUp: (request) => timed("decide-follow-up", () => coach.decideFollowUp(request)),
    evaluateAnswer: (request) => timed("evaluate-answer", () => coach.evaluateAnswer(request)),
    assessCandidateQuestions: (request) =>
      timed("assess-candidate-questions", () => coach.assessCandidateQuestions(request)),
    summarise: (request) => timed("summarise", () => coach.summarise(request)),
    rewriteStory: (request) => timed("rewrite-story", () => coach.rewriteStory(request)),
  };
}
