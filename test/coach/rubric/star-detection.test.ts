import { describe, expect, it } from "vitest";
import { evaluateAnswer } from "../../../src/coach/rubric/index.ts";
import * as ex from "./example-answers.ts";

const star = (text: string) => evaluateAnswer(ex.request(text)).star;
const filler = "There were five of us on the team, and we shared the caseload between us every week.";

describe("STAR detection", () => {
  it("finds the situation from context about when, where and in what role", () => {
    const text = `In my last role as a support lead at a utility company, two colleagues kept clashing over handovers. ${filler}`;
    const result = star(text);
    expect(result.situation.present).toBe(true);
    expect(result.situation.evidence).toBe(
      "In my last role as a support lead at a utility company, two colleagues kept clashing over handovers.",
    );
  });

  it("finds the task from the candidate's goal or responsibility", () => {
    const result = star(`My job was to get the two of them agreeing on a single handover process. ${filler}`);
    expect(result.task.present).toBe(true);
    expect(result.task.evidence).toBe(
      "My job was to get the two of them agreeing on a single handover process.",
    );
  });

  it("finds the action only where the candidate personally acts", () => {
    const own = star(`I sat down with each of them separately and asked what was going wrong. ${filler}`);
    expect(own.action.present).toBe(true);
    expect(own.action.evidence).toBe(
      "I sat down with each of them separately and asked what was going wrong.",
    );
    const none = star(`The disagreement about the handovers went on for a month with colleagues. ${filler}`);
    expect(none.action.present).toBe(false);
  });

  it("finds the result in what changed after the action", () => {
    const text =
      "I set up a shared handover checklist for the two colleagues in the disagreement. " +
      "As a result, missed handovers dropped from twelve a month to two.";
    const result = star(text);
    expect(result.result.present).toBe(true);
    expect(result.result.evidence).toBe("As a result, missed handovers dropped from twelve a month to two.");
    expect(evaluateAnswer(ex.request(text)).quantified).toBe(true);
  });

  it("does not treat a number in the situation as a quantified result", () => {
    const text =
      "In 2021 complaints had increased by 40% and two colleagues disagreed about why. " +
      "I met both of them and agreed a new way to split the complaints. In the end they worked together much better.";
    const evaluation = evaluateAnswer(ex.request(text));
    expect(evaluation.star.result.present).toBe(true);
    expect(evaluation.quantified).toBe(false);
  });

  it("does not treat a bare year in the result as a number", () => {
    const text =
      "Two colleagues in my team disagreed about who owned the escalations queue. " +
      "I set up a meeting and we agreed a rota. As a result, the rota was still in use in 2023.";
    expect(evaluateAnswer(ex.request(text)).quantified).toBe(false);
  });

  it("does not read background or goals as results", () => {
    const text =
      "When I joined, complaints had risen sharply and colleagues disagreed about the cause. " +
      "My task was to reduce complaints before the audit. I asked both colleagues to review ten complaints with me.";
    expect(star(text).result.present).toBe(false);
  });

  it("accepts answers structured with Situation: and Task: labels", () => {
    const text =
      "Situation: our release process was manual and error-prone.\n" +
      "Task: I was asked to automate it before the end of the quarter.\n" +
      "Action: I wrote a pipeline, added smoke tests and trained the six developers.\n" +
      "Result: deployments went from 2 hours to 10 minutes.";
    const result = star(text);
    expect(result.situation.evidence).toBe("Situation: our release process was manual and error-prone.");
    expect(result.task.evidence).toBe("Task: I was asked to automate it before the end of the quarter.");
    expect(result.action.present).toBe(true);
    expect(result.result.evidence).toBe("Result: deployments went from 2 hours to 10 minutes.");
  });
});
