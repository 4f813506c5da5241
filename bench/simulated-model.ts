import { CORE_COMPETENCIES } from "../src/core/model/interview-vocabulary.ts";
import type { ChatReply, ChatRequestBody } from "../test/emulators/openai/types.ts";
import { answerIn } from "../test/support/play-model.ts";

/**
 * A stand-in model whose replies are as long as a real model's typically are (a full plan, an
 * evaluation with quotes and two strengths and improvements), so token figures mean something.
 * Quotes are taken from the answer, as the evidence check demands.
 */
export function simulatedModel(body: ChatRequestBody): ChatReply {
  const user = String(body.messages?.find((message) => message.role === "user")?.content ?? "");
  const answer = answerIn(body);
  const sentences = answer.split(/(?<=\.)\s/);
  switch (body.response_format?.json_schema?.name) {
    case "plan_questions": {
      const count = Number(/Number of questions: (\d+)/.exec(user)?.[1] ?? 6);
      const questions = Array.from({ length: count }, (_, index) => ({
        text:
          index === count - 1
            ? "Why do you want this role with us in particular, and what would you hope to achieve in your first year?"
            : `Your CV mentions the reporting automation project. Tell me about a time in that work when you had to ${["lead others through a change", "resolve a disagreement", "recover from a mistake", "deliver under a tight deadline", "work across teams", "take the initiative", "persuade a sceptical stakeholder", "juggle conflicting priorities", "learn a new tool quickly", "fix a problem nobody owned", "give difficult feedback", "change your plan midway"][index % 12]}. What did you do, and what was the result?`,
        kind: index === count - 1 ? "motivation" : "behavioural",
        competency: index === count - 1 ? null : CORE_COMPETENCIES[index % 6],
        hint: "Situation in a sentence, your task, the actions you personally took, and a measurable result.",
        topicWords: ["reporting", "automation", "stakeholders", "deadline"],
      }));
      return { kind: "json", content: { questions } };
    }
    case "decide_follow_up":
      return { kind: "json", content: { probe: false, missing: [], text: "" } };
    case "evaluate_answer":
      return {
        kind: "json",
        content: {
          scorable: true,
          notScorableReason: null,
          score: 74,
          star: {
            situation: { present: true, evidence: sentences[0] ?? null },
            task: { present: true, evidence: sentences[1] ?? null },
            action: { present: true, evidence: sentences[2] ?? null },
            result: { present: true, evidence: sentences[4] ?? null },
          },
          quantified: true,
          evidence: [
            { quote: sentences[2] ?? "", shows: "the candidate's own action, specific and owned" },
            { quote: sentences[4] ?? "", shows: "a quantified result tied to the business" },
          ],
          strengths: [
            "A clear, specific account of what you personally did, with the tools named.",
            "The result is quantified and tied to what it meant for the business.",
          ],
          improvements: [
            "Set the scene faster: one sentence of situation is enough before your task.",
            "Say what you learned or would do differently; panels listen for reflection.",
          ],
          flags: [],
        },
      };
    case "rewrite_story":
      return {
        kind: "json",
        content: {
          situation:
            "In my last placement at a logistics firm, our weekly stock report took two days to compile by hand, and the quarterly audit was coming.",
          task: "I was responsible for making the report reliable before the audit.",
          action:
            "I mapped every manual step, wrote a Python script that pulled the warehouse exports and reconciled them against the ledger, and walked the finance team through the new process in two short sessions.",
          result:
            "The report now takes 40 minutes instead of two days, errors fell from around 12 a month to 1, and the audit passed with no stock findings. I learned to test changes with the people who use them before rolling them out.",
        },
      };
    case "assess_candidate_questions":
      return {
        kind: "json",
        content: {
          quality: "strategic",
          questions: [],
          feedback:
            "Good questions: asking what success looks like in the first 90 days shows you are already thinking about doing the job well.",
        },
      };
    default:
      return {
        kind: "json",
        content: {
          strengths: [
            "Consistently specific about your own actions, with tools and people named.",
            "Results are quantified in most answers.",
          ],
          improvements: [
            "Shorten the situation part of each answer to one or two sentences.",
            "Close each story with what you learned.",
          ],
        },
      };
  }
}

/** About two pages of CV and a one-page job description. */
export const TWO_PAGE_CV = [
  "Sam Taylor — Data Analyst",
  "Experience",
  ...Array.from(
    { length: 14 },
    (_, index) =>
      `Northwind Traders, Data Analyst, 202${index % 4} - present: built the reporting automation project that cut the monthly close from five days to two, led a team of ${index + 2} analysts through a migration to dbt, and presented weekly insights to the finance director and product teams using SQL, Python and Tableau.`,
  ),
  "Projects",
  ...Array.from(
    { length: 8 },
    (_, index) =>
      `Project ${index + 1}: a customer churn model in Python (scikit-learn) that identified ${10 + index}% of at-risk accounts a month earlier, adopted by the retention team.`,
  ),
  "Skills",
  "SQL, Python, dbt, Tableau, Excel, stakeholder management, A/B testing, statistics.",
].join("\n");

export const JOB_DESCRIPTION = [
  "Senior Data Analyst, Acme",
  ...Array.from(
    { length: 10 },
    (_, index) =>
      `Responsibility ${index + 1}: partner with product and finance teams to define metrics, build reliable dbt models and dashboards, and turn analysis into decisions that move revenue and retention.`,
  ),
  "You have: strong SQL and Python, experience leading analysts, clear communication with senior stakeholders.",
].join("\n");
