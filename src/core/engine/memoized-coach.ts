import type { TokenUsage } from "../model/token-usage.ts";
import type { Coach, CoachCallOptions } from "../ports/coach-port.ts";

/**
 * A coach that answers a repeated request (same task, same inputs) from memory. The engine uses
 * one per inbound event: when its commit loses a race (a background job saved first) and the
 * event is applied again, the coach work already done is reused instead of paying for the same
 * model call twice. The tokens it cost are reported again, so they are counted in the commit that
 * wins. Failures are not remembered: a retry may succeed.
 */
export function memoizedCoach(coach: Coach): Coach {
  const results = new Map<string, { value: unknown; usage: TokenUsage[] }>();
  async function call<R extends CoachCallOptions, T>(
    task: string,
    request: R,
    run: (request: R) => Promise<T>,
  ) {
    const { onUsage, ...inputs } = request;
    const key = `${task}\u0000${JSON.stringify(inputs)}`;
    const known = results.get(key);
    if (known) {
      for (const usage of known.usage) onUsage?.(usage);
      return known.value as T;
    }
    const usage: TokenUsage[] = [];
    const value = await run({
      ...request,
      onUsage: (spent: TokenUsage) => {
        usage.push(spent);
        onUsage?.(spent);
      },
    });
    results.set(key, { value, usage });
    return value;
  }
  return {
    name: coach.name,
    planQuestions: (request) => call("plan", request, (r) => coach.planQuestions(r)),
    decideFollowUp: (request) => call("follow-up", request, (r) => coach.decideFollowUp(r)),
    evaluateAnswer: (request) => call("evaluate", request, (r) => coach.evaluateAnswer(r)),
    assessCandidateQuestions: (request) => call("assess", request, (r) => coach.assessCandidateQuestions(r)),
    summarise: (request) => call("summarise", request, (r) => coach.summarise(r)),
    rewriteStory: (request) => call("rewrite", request, (r) => coach.rewriteStory(r)),
  };
}
