import { describe, expect, it } from "vitest";
import type { Evaluation } from "../../../src/core/model/evaluation.ts";
import { InterviewOptionsSchema } from "../../../src/core/model/interview-options.ts";
import type { Question } from "../../../src/core/model/question.ts";
import type { RoundOneLog } from "../../../src/core/model/round-one-log.ts";
import type { ChatReply, ChatRequestBody } from "../../emulators/openai/types.ts";
import { emulatorOpenAICoach } from "../../support/emulator-openai-coach.ts";
import { playModel } from "../../support/play-model.ts";
import { useOpenAIEmulator } from "../../support/use-openai-emulator.ts";

const COMPETENCIES = [
  "leadership",
  "conflict",
  "failure",
  "pressure",
  "collaboration",
  "initiative",
] as const;

/** Plans as many questions as the prompt asks for; every other task as the play model does. */
function model(body: ChatRequestBody): ChatReply {
  if (body.response_format?.json_schema?.name !== "plan_questions") return playModel(body);
  const user = String(body.messages?.find((message) => message.role === "user")?.content ?? "");
  const count = Number(/Number of questions: (\d+)/.exec(user)?.[1] ?? 0);
  const questions = Array.from({ length: count }, (_, index) => ({
    text: `Tell me about a time your ${COMPETENCIES[index % 6]} made a measurable difference, case ${index + 1}?`,
    kind: "behavioural",
    competency: COMPETENCIES[index % 6],
    hint: "Situation, task, your actions, the measured result.",
    topicWords: ["result", "team", "measure"],
  }));
  return { kind: "json", content: { questions } };
}

/** Eight logged questions with notes of a realistic length: the log's largest likely size. */
const LOG: RoundOneLog = {
  company: "Monzo",
  role: "Data Analyst",
  date: "2026-11-20",
  entries: Array.from({ length: 8 }, (_, index) => ({
    question: `Tell me about a time you improved a process at work, example ${index + 1}.`,
    notes:
      "We cut the month-end close from 5 days to 2 by automating the reconciliations; I wrote the Python scripts, " +
      "tested them against three months of data and trained two colleagues to run them.",
    howItWent: index === 3 ? ("badly" as const) : ("okay" as const),
  })),
  updatedAt: 1,
};

const ANSWER = `${"At my placement the finance team closed the books by hand every month, which took five days. ".repeat(2)}I was asked to shorten it before the audit. I mapped every step, wrote Python scripts to match 4,000 bank lines a month and tested them against three months of data. I trained two colleagues and wrote a runbook. As a result the close took 2 days instead of 5, errors fell from 12 a month to 1, and the team still uses the scripts a year later. I learned to measure the baseline before changing anything, so the result can be shown.`;

const VAGUE =
  "At my placement the month-end close was slow, so the team looked at it together and we changed the process over a few weeks with the finance managers.";

const currentEmulator = useOpenAIEmulator();

describe("the AI coach's tokens for a second round built on a round-1 log", () => {
  it("stays within 30,000 input tokens for 8 questions with 3 follow-ups, answers of about 120 words, a full log", async () => {
    currentEmulator().script(...Array.from({ length: 40 }, () => model));
    const coach = emulatorOpenAICoach(currentEmulator().url, { timeout: 5_000 });
    const usage = { input: 0, output: 0, calls: 0 };
    const onUsage = (spent: { inputTokens: number; outputTokens: number }) => {
      usage.input += spent.inputTokens;
      usage.output += spent.outputTokens;
      usage.calls += 1;
    };
    const options = InterviewOptionsSchema.parse({
      role: "Data Analyst",
      company: "Monzo",
      stage: "second",
      questionCount: 8,
    });
    const plan = await coach.planQuestions({ options, seed: "budget", roundOne: LOG, onUsage });
    expect(plan.questions).toHaveLength(8);
    expect(plan.questions.filter((question) => question.revisits)).toHaveLength(4);
    const evaluations: { question: Question; evaluation: Evaluation }[] = [];
    for (const [index, question] of plan.questions.entries()) {
      const request = { question, answerText: ANSWER, options, onUsage };
      // Three answers leave out the result, so the interview's three follow-ups are worded by the model.
      const main = index < 3 ? VAGUE : ANSWER;
      await coach.decideFollowUp({ ...request, answerText: main, probesRemaining: 3 - Math.min(index, 3) });
      evaluations.push({ question, evaluation: await coach.evaluateAnswer(request) });
    }
    await coach.assessCandidateQuestions({
      text: "What would success look like in 90 days?",
      options,
      onUsage,
    });
    await coach.summarise({ options, evaluations, onUsage });
    console.info(
      `[round-1 token budget] ${usage.input} input, ${usage.output} output tokens in ${usage.calls} calls`,
    );
    expect(usage.input).toBeLessThanOrEqual(30_000);
  });

  it("costs at most 1,400 input tokens per stronger version, asked for on demand in practice mode only", async () => {
    const story = {
      situation:
        "At my placement the finance team closed the books by hand every month, which took five days.",
      task: "I was asked to shorten it before the audit.",
      action:
        "I mapped every step, wrote Python scripts to match 4,000 bank lines a month and trained two colleagues.",
      result: "The close took 2 days instead of 5, and errors fell from 12 a month to 1.",
    };
    currentEmulator().script({ kind: "json", content: story });
    const coach = emulatorOpenAICoach(currentEmulator().url, { timeout: 5_000 });
    const usage = { input: 0, output: 0, calls: 0 };
    const options = InterviewOptionsSchema.parse({ role: "Data Analyst", company: "Monzo", stage: "second" });
    const question: Question = {
      id: "story",
      text: "Tell me about a time you improved a process at work.",
      kind: "behavioural",
      competency: "initiative",
      hint: "STAR",
      topicWords: ["process"],
    };
    const rewrite = await coach.rewriteStory({
      question,
      answerText: ANSWER,
      options,
      onUsage: (spent) => {
        usage.input += spent.inputTokens;
        usage.output += spent.outputTokens;
        usage.calls += spent.calls;
      },
    });
    expect(rewrite.story).toEqual(story);
    console.info(
      `[stronger version] ${usage.input} input, ${usage.output} output tokens in ${usage.calls} call`,
    );
    expect(usage.calls).toBe(1);
    expect(usage.input).toBeLessThanOrEqual(1_400);
  });
});
