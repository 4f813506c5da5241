import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DEFAULT_QUESTION_BANK_DIRECTORY, loadQuestionBank } from "../../src/coach/question-bank.ts";
import { CORE_COMPETENCIES } from "../../src/core/model/interview-vocabulary.ts";

describe("the shipped question bank", () => {
  const bank = loadQuestionBank(DEFAULT_QUESTION_BANK_DIRECTORY);
  const ofKind = (kind: string) => bank.entries.filter((entry) => entry.kind === kind);

  it("loads at least 80 questions with unique ids", () => {
    expect(bank.entries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(bank.entries.map((entry) => entry.id)).size).toBe(bank.entries.length);
  });

  it.each(CORE_COMPETENCIES)("has at least 8 behavioural questions on %s", (competency) => {
    expect(
      ofKind("behavioural").filter((entry) => entry.competency === competency).length,
    ).toBeGreaterThanOrEqual(8);
  });

  it("has at least 10 motivation, 8 culture-fit, 8 practical and 8 revisit questions", () => {
    expect(ofKind("motivation").length).toBeGreaterThanOrEqual(10);
    expect(ofKind("culture-fit").length).toBeGreaterThanOrEqual(8);
    expect(ofKind("practical").length).toBeGreaterThanOrEqual(8);
    expect(ofKind("revisit").length).toBeGreaterThanOrEqual(8);
  });

  it("covers the classic motivation questions, including why us over competitors", () => {
    const texts = ofKind("motivation").map((entry) => entry.text.toLowerCase());
    expect(texts.some((text) => text.includes("competitor"))).toBe(true);
    expect(texts.some((text) => text.includes("{role}"))).toBe(true);
    expect(texts.some((text) => text.includes("why do you want to work at {company}"))).toBe(true);
    expect(texts.some((text) => text.includes("what do you know about {company}"))).toBe(true);
    expect(texts.some((text) => text.includes("five years"))).toBe(true);
  });

  it("covers salary, notice period and start date among the practical questions", () => {
    const texts = ofKind("practical").map((entry) => entry.text.toLowerCase());
    for (const topic of ["salary", "notice period", "start", "relocat", "hybrid", "right to work"]) {
      expect(texts.some((text) => text.includes(topic))).toBe(true);
    }
  });

  it("never tags a revisit question for the first round, and keeps most practical ones for later rounds", () => {
    expect(ofKind("revisit").every((entry) => !entry.stages.includes("first"))).toBe(true);
    const firstRoundPractical = ofKind("practical").filter((entry) => entry.stages.includes("first"));
    expect(firstRoundPractical.length).toBeLessThan(ofKind("practical").length / 2);
  });

  it("offers a revisit question for every core competency", () => {
    for (const competency of CORE_COMPETENCIES) {
      expect(ofKind("revisit").some((entry) => entry.competency === competency)).toBe(true);
    }
  });

  it("gives every question a hint and 5 to 15 lowercase topic words", () => {
    for (const entry of bank.entries) {
      expect(entry.hint.length).toBeGreaterThan(40);
      expect(entry.topicWords.length).toBeGreaterThanOrEqual(5);
      expect(entry.topicWords.length).toBeLessThanOrEqual(15);
    }
  });
});

describe("loading a broken question bank", () => {
  let directory: string;
  const validEntry = {
    id: "leadership-example",
    text: "Tell me about a time you led a team at {company}.",
    kind: "behavioural",
    competency: "leadership",
    stages: ["first", "second"],
    hint: "Situation: ... Task: ... Action: ... Result: ...",
    topicWords: ["lead", "team", "goal", "deliver", "influence"],
  };
  const writeBankFile = (name: string, content: unknown) =>
    writeFileSync(path.join(directory, name), typeof content === "string" ? content : stringify(content));
  const loadError = (): string => {
    try {
      loadQuestionBank(directory);
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      return (error as Error).message;
    }
    throw new Error("expected loadQuestionBank to throw");
  };

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), "question-bank-"));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it("loads a valid file and defaults a missing competency to null", () => {
    writeBankFile("good.yaml", [
      validEntry,
      { ...validEntry, id: "why-role", kind: "motivation", competency: undefined },
    ]);
    const bank = loadQuestionBank(directory);
    expect(bank.entries.map((entry) => entry.competency)).toEqual(["leadership", null]);
  });

  it("names the file when the YAML does not parse", () => {
    writeBankFile("good.yaml", [validEntry]);
    writeBankFile("broken.yaml", '- id: "unterminated\n  text: [oops\n');
    const message = loadError();
    expect(message).toContain("broken.yaml");
    expect(message).toContain("invalid YAML");
    expect(message).not.toContain("good.yaml");
  });

  it("names the file and every schema problem in it", () => {
    writeBankFile("bad-schema.yaml", [{ ...validEntry, kind: "closing", topicWords: ["Lead"] }]);
    const message = loadError();
    expect(message).toContain("bad-schema.yaml");
    expect(message).toContain("kind");
    expect(message).toContain("topicWords");
  });

  it("names both files when an id is used twice across files", () => {
    writeBankFile("a.yaml", [validEntry]);
    writeBankFile("b.yaml", [validEntry]);
    const message = loadError();
    expect(message).toContain("b.yaml");
    expect(message).toContain("a.yaml");
    expect(message).toContain('duplicate id "leadership-example"');
  });

  it("rejects placeholders other than {company} and {role}", () => {
    writeBankFile("placeholders.yaml", [{ ...validEntry, text: "Why {employer}?", hint: "Mention {team}." }]);
    const message = loadError();
    expect(message).toContain("placeholders.yaml");
    expect(message).toContain("{employer}");
    expect(message).toContain("{team}");
  });

  it("rejects a competency on a motivation or practical question", () => {
    writeBankFile("competency.yaml", [
      { ...validEntry, id: "why-role", kind: "motivation" },
      { ...validEntry, id: "salary", kind: "practical" },
    ]);
    const message = loadError();
    expect(message).toContain("competency.yaml");
    expect(message).toContain("a motivation question must not have a competency");
    expect(message).toContain("a practical question must not have a competency");
  });

  it("rejects a behavioural question without a competency and a first-round revisit", () => {
    writeBankFile("rules.yaml", [
      { ...validEntry, competency: null },
      { ...validEntry, id: "revisit-example", kind: "revisit", stages: ["first"] },
    ]);
    const message = loadError();
    expect(message).toContain("rules.yaml");
    expect(message).toContain("a behavioural question needs a competency");
    expect(message).toContain("cannot be asked in the first round");
  });

  it("reports problems from several files in one error", () => {
    writeBankFile("one.yaml", "just a string");
    writeBankFile("two.yaml", [{ ...validEntry, kind: "motivation" }]);
    const message = loadError();
    expect(message).toContain("one.yaml");
    expect(message).toContain("two.yaml");
  });

  it("refuses a directory with no question files", () => {
    expect(() => loadQuestionBank(directory)).toThrow(/No question files/);
  });
});
