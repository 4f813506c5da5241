import type { EvaluationOutput } from "../../../src/coach/openai/llm-output-schemas.ts";
import { evaluateAnswer as rubricEvaluate } from "../../../src/coach/rubric/index.ts";
import { type InterviewOptions, InterviewOptionsSchema } from "../../../src/core/model/interview-options.ts";
import { CORE_COMPETENCIES, QuestionKindSchema } from "../../../src/core/model/interview-vocabulary.ts";
import type { Question } from "../../../src/core/model/question.ts";
import type { ChatReply, ChatRequestBody } from "../../emulators/openai/index.ts";

/**
 * A well-behaved stand-in for the model: valid structured output built from the request itself
 * (quotes copied from the answer in the prompt, the requested number of questions, ...). The
 * robustness suites wrap it with faults or fuzzed outputs.
 */

export type Task =
  | "plan_questions"
  | "decide_follow_up"
  | "evaluate_answer"
  | "assess_candidate_questions"
  | "summarise";

export function taskOf(body: ChatRequestBody): Task {
  const name = body.response_format?.json_schema?.name;
  if (
    name === "plan_questions" ||
    name === "decide_follow_up" ||
    name === "evaluate_answer" ||
    name === "assess_candidate_questions" ||
    name === "summarise"
  )
    return name;
  throw new Error(`unexpected response_format ${String(name)}`);
}

export function messagesOf(body: ChatRequestBody): { role: string; content: string }[] {
  return (body.messages ?? []).map((message) => ({
    role: message.role,
    content: typeof message.content === "string" ? message.content : "",
  }));
}

/** The first user message: the rendered task prompt (a re-ask appends two more messages). */
export function userPrompt(body: ChatRequestBody): string {
  return messagesOf(body).find((message) => message.role === "user")?.content ?? "";
}

export function systemPrompt(body: ChatRequestBody): string {
  return messagesOf(body).find((message) => message.role === "system")?.content ?? "";
}

/** Text inside `<tag>…</tag>`: from the first opening tag to the last closing tag, as the prompt defines it. */
export function tagged(prompt: string, tag: string): string | undefined {
  const open = `<${tag}>\n`;
  const close = `\n</${tag}>`;
  const start = prompt.indexOf(open);
  const end = prompt.lastIndexOf(close);
  if (start === -1 || end < start + open.length) return undefined;
  return prompt.slice(start + open.length, end);
}

const QUESTION_LINE = /Question \(([a-z-]+), competency: ([a-z]+)\):\n([\s\S]*?)\n\n<candidate_answer>/;
const ROLE_LINE = /for the role of ([\s\S]*?) at ([\s\S]*?)\./;

/** The question and answer an answer-task prompt is about. */
export function answerTaskOf(prompt: string): { question: Question; answer: string } {
  const match = QUESTION_LINE.exec(prompt);
  const kind = QuestionKindSchema.parse(match?.[1] ?? "behavioural");
  const competencyText = match?.[2] ?? "none";
  const competency = (CORE_COMPETENCIES as readonly string[]).includes(competencyText)
    ? (competencyText as Question["competency"])
    : null;
  return {
    question: { id: "emulated", text: match?.[3] ?? "", kind, competency, hint: "", topicWords: [] },
    answer: tagged(prompt, "candidate_answer") ?? "",
  };
}

function optionsOf(prompt: string) {
  const match = ROLE_LINE.exec(prompt);
  return InterviewOptionsSchema.parse({ role: match?.[1] || "Analyst", company: match?.[2] || "Acme" });
}

/** A valid evaluation of this answer: the deterministic rubric's judgement, score nudged by `jitter`. */
export function evaluationOutputFor(
  question: Question,
  answer: string,
  options: InterviewOptions,
  jitter = 0,
): EvaluationOutput {
  const judged = rubricEvaluate({ question, answerText: answer, options });
  return {
    scorable: judged.scorable,
    notScorableReason: judged.scorable
      ? null
      : judged.notScorableReason === "empty" ||
          judged.notScorableReason === "too-short" ||
          judged.notScorableReason === "gibberish"
        ? judged.notScorableReason
        : "off-topic",
    score: judged.score === null ? null : Math.min(100, Math.max(0, judged.score + jitter)),
    star: judged.star,
    quantified: judged.quantified,
    evidence: judged.evidence.slice(0, 4),
    strengths: judged.strengths,
    improvements: judged.improvements,
    flags: judged.flags.filter((flag) => flag !== "benefits-first"),
  };
}

/** A valid evaluation of the answer in an evaluate-answer prompt. */
export function validEvaluation(prompt: string, jitter = 0): EvaluationOutput {
  const { question, answer } = answerTaskOf(prompt);
  return evaluationOutputFor(question, answer, optionsOf(prompt), jitter);
}

const TOPICS = ["team", "deadline", "customer", "change", "result", "conflict", "plan"];

export function validPlan(prompt: string) {
  const count = Number(/Number of questions: (\d+)/.exec(prompt)?.[1] ?? "3");
  const questions = Array.from({ length: count }, (_, index) => {
    const competency = CORE_COMPETENCIES[index % CORE_COMPETENCIES.length] ?? "leadership";
    return index === count - 1 && count > 2
      ? {
          text: "Why do you want this role with us?",
          kind: "motivation",
          competency: null,
          hint: "Why this company, why this role, why now.",
          topicWords: ["company", "role", "why"],
        }
      : {
          text: `Tell me about a time you showed ${competency} at work (${index + 1}).`,
          kind: "behavioural",
          competency,
          hint: "Situation, task, action, result.",
          topicWords: [competency, ...TOPICS],
        };
  });
  return { questions };
}

export function validFollowUp(prompt: string) {
  const { question, answer } = answerTaskOf(prompt);
  const probesLeft = Number(/Probes remaining: (\d+)/.exec(prompt)?.[1] ?? "0");
  const words = answer.split(/\s+/).filter(Boolean);
  const probe = probesLeft > 0 && question.kind === "behavioural" && words.length >= 12 && !/\d/.test(answer);
  if (!probe) return { probe: false, missing: [], text: "" };
  return {
    probe: true,
    missing: ["numbers"],
    text: `You said "${words.slice(0, 8).join(" ")}". Can you put a number on the result?`,
  };
}

export function validCandidateQuestions(prompt: string) {
  const text = tagged(prompt, "candidate_questions") ?? "";
  const questions = [...text.matchAll(/[^.?!\n]*\?/g)].map((match) => match[0].trim()).filter(Boolean);
  return {
    quality: questions.length === 0 ? "none" : "basic",
    questions,
    feedback: "You asked a fair question; ask one about the team's priorities next time.",
  };
}

export function validSummary() {
  return {
    strengths: ["Your stories had a clear situation."],
    improvements: ["Put a number on each result."],
  };
}

/** The well-behaved model's reply to any SecondRound task. */
export function validReply(body: ChatRequestBody, jitter = 0): ChatReply {
  const prompt = userPrompt(body);
  switch (taskOf(body)) {
    case "plan_questions":
      return { kind: "json", content: validPlan(prompt) };
    case "decide_follow_up":
      return { kind: "json", content: validFollowUp(prompt) };
    case "evaluate_answer":
      return { kind: "json", content: validEvaluation(prompt, jitter) };
    case "assess_candidate_questions":
      return { kind: "json", content: validCandidateQuestions(prompt) };
    case "summarise":
      return { kind: "json", content: validSummary() };
  }
}
