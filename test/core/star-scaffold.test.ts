import { describe, expect, it } from "vitest";
import { createOfflineCoach } from "../../src/coach/offline-coach.ts";
import { starScaffoldLines } from "../../src/core/interview/star-scaffold.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import type { Question } from "../../src/core/model/question.ts";

const question: Question = {
  id: "pressure-1",
  text: "Tell me about a time you delivered results under real time pressure.",
  kind: "behavioural",
  competency: "pressure",
  hint: "STAR",
  topicWords: ["deadline"],
};

const options = InterviewOptionsSchema.parse({ role: "Data Analyst", company: "Acme", mode: "practice" });

async function scaffoldFor(answerText: string) {
  const evaluation = await createOfflineCoach().evaluateAnswer({ question, answerText, options });
  return { evaluation, lines: starScaffoldLines(answerText, evaluation) };
}

/** The quoted parts of a scaffold line, which must be the candidate's own words. */
const quotes = (lines: readonly string[]) =>
  lines.flatMap((line) => [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? ""));

describe("the stronger version's STAR scaffold", () => {
  it("uses the candidate's own sentences verbatim and marks each missing part with what to add", async () => {
    const answer =
      "Last spring I worked as an analyst on a data migration at a retailer. We were two weeks behind the deadline. " +
      "I rebuilt the migration plan and moved the largest tables myself over the weekend. We finished on time.";
    const { lines } = await scaffoldFor(answer);
    expect(lines).not.toBeNull();
    expect(lines?.map((line) => line.split(":")[0])).toEqual(["Situation", "Task", "Action", "Result"]);
    for (const quoted of quotes(lines ?? []).filter((text) => !text.startsWith("I …") && text !== "I …")) {
      expect(answer).toContain(quoted);
    }
    expect(lines?.[1]).toBe("Task: [what you were responsible for or trying to achieve]");
    // The rubric's sentence roles: the opening sets the scene, the "I" sentence after it is the action.
    expect(lines?.[0]).toBe(
      'Situation: "Last spring I worked as an analyst on a data migration at a retailer."',
    );
    expect(lines?.[2]).toBe(
      'Action: "I rebuilt the migration plan and moved the largest tables myself over the weekend."',
    );
    // No number was given, so none is invented: the result asks for one.
    expect(lines?.[3]).toBe('Result: "We finished on time." [add a number: how much, how many, how fast]');
    expect(lines?.join("\n")).not.toMatch(/\d/);
  });

  it("is stored only in practice mode, where the stronger version needs it", async () => {
    const answerText =
      "I led the rota change at the clinic when two nurses left. The overtime bill fell by 30%.";
    const realistic = InterviewOptionsSchema.parse({ role: "Nurse", company: "NHS" });
    const evaluation = await createOfflineCoach().evaluateAnswer({
      question,
      answerText,
      options: realistic,
    });
    expect(evaluation.storySentences).toBeUndefined();
  });

  it("quotes nothing that is not in the answer, and builds nothing from an answer that could not be scored", async () => {
    const { evaluation } = await scaffoldFor(
      "I led the rota change at the clinic when two nurses left. I asked each nurse for their constraints and drafted three options. The overtime bill fell by 30% within two months.",
    );
    const forged = {
      ...evaluation,
      storySentences: undefined,
      star: { ...evaluation.star, result: { present: true, evidence: "Revenue grew by 500% thanks to me." } },
    };
    const lines =
      starScaffoldLines("I led the rota change at the clinic when two nurses left.", forged) ?? [];
    expect(lines.join("\n")).not.toContain("500%");
    expect(lines[3]).toMatch(/^Result: \[in your answer, but spread out/);
    expect(starScaffoldLines("", { ...evaluation, scorable: false, score: null })).toBeNull();
  });
});
