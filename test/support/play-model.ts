import type { ChatReply, ChatRequestBody } from "../emulators/openai/types.ts";

const absent = { present: false, evidence: null };

/** The answer the coach was given, read back out of its delimiters in the user prompt. */
export function answerIn(body: ChatRequestBody): string {
  const user = body.messages?.find((message) => message.role === "user")?.content;
  return /<candidate_answer>\n([\s\S]*)\n<\/candidate_answer>/.exec(String(user))?.[1] ?? "";
}

/** A scripted model that plays each task plausibly, quoting the candidate's own words. */
export function playModel(body: ChatRequestBody): ChatReply {
  const answer = answerIn(body);
  const firstSentence = answer.split(/(?<=\.)\s/)[0] ?? answer;
  switch (body.response_format?.json_schema?.name) {
    case "plan_questions":
      return {
        kind: "json",
        content: {
          questions: [
            {
              text: "Your CV mentions the volunteer rota app. What did you build, and what changed because of it?",
              kind: "behavioural",
              competency: "initiative",
              hint: "STAR",
              topicWords: ["rota", "app"],
            },
            {
              text: "Why do you want to join Acme's data team?",
              kind: "motivation",
              competency: null,
              hint: "Reasons",
              topicWords: ["data"],
            },
          ],
        },
      };
    case "decide_follow_up":
      return /\d/.test(answer)
        ? { kind: "json", content: { probe: false, text: "", missing: [] } }
        : {
            kind: "json",
            content: {
              probe: true,
              missing: ["numbers"],
              text: `You said "${firstSentence}" How many people did it help?`,
            },
          };
    case "evaluate_answer":
      return {
        kind: "json",
        content: {
          scorable: true,
          notScorableReason: null,
          score: 74,
          star: {
            situation: absent,
            task: absent,
            action: { present: true, evidence: firstSentence },
            result: absent,
          },
          quantified: /\d/.test(answer),
          evidence: [{ quote: firstSentence, shows: "action" }],
          strengths: ["You described your own action."],
          improvements: ["Lead with the result."],
          flags: [],
        },
      };
    case "assess_candidate_questions":
      return {
        kind: "json",
        content: { quality: "strategic", questions: [], feedback: "A strategic question." },
      };
    default:
      return { kind: "json", content: { strengths: ["Clear actions"], improvements: ["Quantify results"] } };
  }
}
