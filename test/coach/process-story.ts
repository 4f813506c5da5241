import type { Question } from "../../src/core/model/question.ts";

/** A story question the coach tests share, and a complete answer to it with a measured result. */
export const processQuestion: Question = {
  id: "q1",
  text: "Tell me about a time you improved a process.",
  kind: "behavioural",
  competency: "initiative",
  hint: "",
  topicWords: ["process", "improve"],
};

export const processAnswer =
  "At my placement the weekly stock report took two days by hand. I wrote a script that reconciled the exports, and as a result it now takes 40 minutes.";
