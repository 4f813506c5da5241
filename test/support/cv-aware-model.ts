import { tagged, userPrompt, validPlan } from "../coach/robustness/emulated-model.ts";
import type { ChatReply, ChatRequestBody } from "../emulators/openai/index.ts";

/**
 * A scripted model reply to the question-plan request that does what a real model is asked to
 * do with a CV: its first question is about the first project under the CV's "Projects" heading,
 * read from the prompt's <candidate_cv> data. Without a CV in the prompt it asks about "your CV".
 */
export function planFromCv(body: ChatRequestBody): ChatReply {
  const prompt = userPrompt(body);
  const cv = tagged(prompt, "candidate_cv") ?? "";
  const project = /^Projects\n- (.+)$/m.exec(cv)?.[1] ?? "most recent project on your CV";
  const plan = validPlan(prompt);
  const [first, ...rest] = plan.questions;
  if (!first) return { kind: "json", content: plan };
  return {
    kind: "json",
    content: {
      questions: [{ ...first, text: `Walk me through the ${project}: what was your part in it?` }, ...rest],
    },
  };
}
