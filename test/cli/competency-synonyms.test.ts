import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCompetencySynonyms, recogniseCompetency } from "../../src/cli/competency-synonyms.ts";
import { CORE_COMPETENCIES } from "../../src/core/model/interview-vocabulary.ts";

function tableFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "competencies-")), "competencies.yaml");
  writeFileSync(file, yaml);
  return file;
}

const ALL_EMPTY = CORE_COMPETENCIES.map((competency) => `${competency}: []`).join("\n");

describe("competency synonyms (prompts/competencies.yaml)", () => {
  const shipped = loadCompetencySynonyms();

  it("recognises each core competency by its own name", () => {
    for (const competency of CORE_COMPETENCIES)
      expect(recogniseCompetency(competency, shipped)).toBe(competency);
  });

  it("leaves broad framework labels that span several competencies unrecognised", () => {
    for (const label of ["stakeholder management", "communication", "problem solving", "adaptability"]) {
      expect(recogniseCompetency(label, shipped)).toBeNull();
    }
  });

  it("reads synonyms from the file, so careers staff can add their framework's words", () => {
    const synonyms = loadCompetencySynonyms(
      tableFile(ALL_EMPTY.replace("collaboration: []", "collaboration: [partnership working]")),
    );
    expect(recogniseCompetency("Partnership-Working", synonyms)).toBe("collaboration");
  });

  it("refuses a label listed under two competencies, naming the file", () => {
    const file = tableFile(
      ALL_EMPTY.replace("failure: []", "failure: [drive]").replace("initiative: []", "initiative: [Drive]"),
    );
    expect(() => loadCompetencySynonyms(file)).toThrow(
      /competencies\.yaml.*"Drive" is listed under both failure and initiative/,
    );
  });

  it("refuses an unknown or missing competency", () => {
    expect(() => loadCompetencySynonyms(tableFile(`${ALL_EMPTY}\nteamwork: [collaboration]`))).toThrow(
      /teamwork/,
    );
    expect(() => loadCompetencySynonyms(tableFile(ALL_EMPTY.replace("pressure: []", "")))).toThrow(
      /pressure/,
    );
  });
});
