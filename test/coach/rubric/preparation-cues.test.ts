import { describe, expect, it } from "vitest";
import { findPreparationEvidence } from "../../../src/coach/rubric/preparation-cues.ts";
import { InterviewOptionsSchema } from "../../../src/core/model/interview-options.ts";
import type { AnswerPreparationItem } from "../../../src/core/model/preparation.ts";
import type { Question } from "../../../src/core/model/question.ts";

const secondRound = InterviewOptionsSchema.parse({
  role: "Product Analyst",
  company: "Starling Bank",
  stage: "second",
});

const practical: Question = {
  id: "practical-1",
  text: "What are your salary expectations, and what is your notice period?",
  kind: "practical",
  competency: null,
  hint: "A range, your notice, when you could start.",
  topicWords: ["salary", "notice", "start"],
};

const motivation: Question = {
  id: "motivation-1",
  text: "Why Starling Bank rather than another bank?",
  kind: "motivation",
  competency: null,
  hint: "Why this company, why this role, why now.",
  topicWords: ["company", "role", "why", "customers"],
};

const behavioural: Question = {
  id: "behavioural-1",
  text: "Tell me about a time you improved a process.",
  kind: "behavioural",
  competency: "initiative",
  hint: "Situation, task, action, result.",
  topicWords: ["process", "improve", "change"],
};

function found(question: Question, answerText: string, options = secondRound) {
  return findPreparationEvidence({ question, answerText, options });
}

function items(question: Question, answerText: string): AnswerPreparationItem[] {
  return found(question, answerText).map((evidence) => evidence.item);
}

/** Every quote is found, character for character, in the answer. */
function expectVerbatim(question: Question, answerText: string): void {
  for (const evidence of found(question, answerText)) expect(answerText).toContain(evidence.quote);
}

describe("the preparation checklist items an answer shows", () => {
  it("finds a salary range and a notice period in a practical answer, quoting the sentences verbatim", () => {
    const answer =
      "Based on the job adverts I've seen for analyst roles in London, I'm looking for £45-50k. " +
      "I'm on one month's notice at my current employer, and my manager already knows I'm interviewing.";
    expect(found(practical, answer)).toEqual([
      {
        item: "salary-range",
        quote: "Based on the job adverts I've seen for analyst roles in London, I'm looking for £45-50k.",
      },
      {
        item: "notice-period",
        quote:
          "I'm on one month's notice at my current employer, and my manager already knows I'm interviewing.",
      },
    ]);
  });

  it('reads "45,000 to 50,000 euros" and "around 60k" as salary figures', () => {
    const euros =
      "I've compared similar roles in Dublin and somewhere between 45,000 to 50,000 euros feels right for this level. That matches what I earn now plus the step up in scope.";
    expect(items(practical, euros)).toContain("salary-range");
    const k =
      "Around 60k, which is in line with the market rate for a senior analyst with my experience. I'm flexible on the mix of base and bonus.";
    expect(items(practical, k)).toContain("salary-range");
    expectVerbatim(practical, euros);
    expectVerbatim(practical, k);
  });

  it("does not take a saving or a team size for a salary, even with a figure in it", () => {
    const story =
      "In my last role the month-end close took five days. I rebuilt the reconciliation in Python and we cut costs by 30%. " +
      "By the end I was coordinating a team of 12 across two sites, and we saved £40,000 a year on agency staff.";
    expect(items(behavioural, story)).not.toContain("salary-range");
    expect(
      items(practical, "We cut costs by 30% and I had a team of 12, so I know the scale of this job."),
    ).toEqual([]);
  });

  it("treats admissions and negations as not shown", () => {
    const unsure =
      "Honestly, I'm not sure what salary to ask for, I'd want to understand the package first. " +
      "I don't know my notice period yet because my contract is being renewed.";
    expect(found(practical, unsure)).toEqual([]);
    const research =
      "I haven't had a chance to look at the annual report, but I know Starling is doing really well. " +
      "You're a great company with great culture and I've always wanted to work here.";
    expect(found(motivation, research)).toEqual([]);
  });

  it('counts "I can start in four weeks" and "available from 1 March" as a notice period and a start date', () => {
    for (const answer of [
      "My contract says four weeks, so I can start in four weeks. I've already talked to my manager about a handover.",
      "I've agreed a handover plan with my manager and I'd be available from 1 March. Before that I'm finishing the quarter's reporting.",
      "I can't start until 1 June, because I have to finish the migration I'm leading. After that I'm free.",
    ]) {
      expect(items(practical, answer)).toEqual(expect.arrayContaining(["notice-period", "start-date"]));
      expectVerbatim(practical, answer);
    }
  });

  it("does not take a past start or a plan of action for a start date", () => {
    const story =
      "I started at Acme in March 2020 as a junior analyst. I was able to start the project in May once the data arrived. " +
      "If I joined, I would start by mapping the process in the first week.";
    expect(items(behavioural, story)).toEqual([]);
  });

  it("counts a comparison with a named competitor, not generic praise", () => {
    const praise =
      "You're a great company with great culture, and I've always wanted to work here. I love your values and the energy in the office.";
    expect(items(motivation, praise)).not.toContain("why-this-company");
    const unlike =
      "Unlike Monzo, you offer business accounts to sole traders without a monthly fee, which is exactly what my parents needed for their shop. That's the customer I want to build products for.";
    expect(found(motivation, unlike)[0]).toEqual({
      item: "why-this-company",
      quote:
        "Unlike Monzo, you offer business accounts to sole traders without a monthly fee, which is exactly what my parents needed for their shop.",
    });
    const compared =
      "Compared with other banks, your app lets customers split bills instantly. I use it with my flatmates every week.";
    expect(items(motivation, compared)).toContain("why-this-company");
    const notCompared =
      "I haven't compared you with your competitors properly yet. I just know I like the app.";
    expect(items(motivation, notCompared)).not.toContain("why-this-company");
  });

  it("counts company research that names a fact, not a feeling", () => {
    const research =
      "I read in your annual report that lending grew 20% last year, mostly to small businesses. " +
      "That's the part of the bank I'd be analysing, so it matters to me that it's growing.";
    expect(found(motivation, research)[0]).toEqual({
      item: "company-research",
      quote: "I read in your annual report that lending grew 20% last year, mostly to small businesses.",
    });
    const launch =
      "I saw you launched Flex, your buy-now-pay-later card, in March. I'd love to work on its data.";
    expect(items(motivation, launch)).toContain("company-research");
    const ownStory =
      "I grew our customer base by 20% in 2022 at my last company, which I think you'd value in this role.";
    expect(items(behavioural, ownStory)).toEqual([]);
  });

  it("claims nothing for an answer in another language, and does not crash on it", () => {
    const french =
      "Je suis très intéressé par ce poste parce que Starling est une banque innovante. Je peux commencer le 1er mars, " +
      "mon préavis est d'un mois et je souhaite un salaire de 45 000 euros.";
    expect(found(practical, french)).toEqual([]);
    const german =
      "Ich habe eine Kündigungsfrist von einem Monat und könnte am 1. März anfangen. Mein Gehaltswunsch liegt bei 50.000 Euro.";
    expect(found(practical, german)).toEqual([]);
  });

  it("ignores a question the candidate asks and says nothing in a first round", () => {
    expect(
      found(practical, "What's the salary range for this role? And is there a notice period on probation?"),
    ).toEqual([]);
    const firstRound = InterviewOptionsSchema.parse({ role: "Product Analyst", company: "Starling Bank" });
    expect(found(practical, "I'm looking for £45-50k and I'm on one month's notice.", firstRound)).toEqual(
      [],
    );
  });
});
