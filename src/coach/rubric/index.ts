/** The deterministic offline rubric (no LLM). The standard it applies is prompts/rubric.md. */
export { assessCandidateQuestions } from "./assess-candidate-questions.ts";
export { decideFollowUp } from "./decide-follow-up.ts";
export { evaluateAnswer } from "./evaluate-answer.ts";
export { looksAddressedToGrader } from "./manipulation.ts";
export { withEmphasis } from "./rubric-emphasis.ts";
export { summariseInterview } from "./summarise-interview.ts";
