import { describe, expect, it } from "vitest";
import { analyseAnswer } from "../../../src/coach/rubric/analyse-answer.ts";
import { evaluateAnswer, withEmphasis } from "../../../src/coach/rubric/index.ts";
import { criteriaParts } from "../../../src/coach/rubric/rubric-emphasis.ts";
import { CommunityAdmin } from "../../../src/core/engine/community-admin.ts";
import { CommunityCoaching } from "../../../src/core/engine/community-coaching.ts";
import { emphasisText } from "../../../src/core/interview/community-copy.ts";
import { readCommunitySettings } from "../../../src/core/model/read-community-settings.ts";
import type { RubricEmphasis } from "../../../src/core/model/rubric-emphasis.ts";
import type { AnswerRequest } from "../../../src/core/ports/coach-port.ts";
import { yamlSettingsCodec } from "../../../src/settings/yaml-settings-codec.ts";
import { MemoryCommunitySettingsStore } from "../../../src/store/memory-community-settings-store.ts";
import { readCorpus } from "../../calibration/corpus.ts";
import { corpusRequests } from "../../calibration/judge-corpus.ts";
import * as ex from "./example-answers.ts";

const RESULTS_HEAVY: RubricEmphasis = { results: 2, structure: 0.5 };

/** Every corpus answer of the tuning half, asked as `secondround evaluate` asks it. */
function tuningRequests(): { id: string; request: AnswerRequest }[] {
  const records = readCorpus("tuning");
  return corpusRequests(records).map((request, index) => ({ id: records[index]?.id ?? "", request }));
}

const scoreOf = (request: AnswerRequest, emphasis?: RubricEmphasis) =>
  evaluateAnswer(emphasis ? { ...request, emphasis } : request).score;

describe("a community's rubric emphasis", () => {
  const corpus = tuningRequests();

  it("changes no score when every part is weighted 1, written out or left out", () => {
    const allOnes = { structure: 1, specificity: 1, relevance: 1, results: 1, delivery: 1 };
    for (const { request } of corpus) {
      expect(scoreOf(request, allOnes)).toBe(scoreOf(request));
      expect(scoreOf(request, {})).toBe(scoreOf(request));
    }
  });

  it("splits each kind's criteria into parts that add up to the shipped score's criteria (100 at most)", () => {
    for (const { request } of corpus) {
      const parts = criteriaParts(analyseAnswer(request));
      if (parts === null) continue;
      const max = Object.values(parts).reduce((sum, part) => sum + part.max, 0);
      expect(max).toBe(100);
      for (const part of Object.values(parts)) expect(part.earned).toBeLessThanOrEqual(part.max + 1e-9);
    }
  });

  it("moves the same stories in the expected direction under a results-heavy emphasis", () => {
    const complete = ex.request(ex.completeStar, ex.conflictQuestion);
    const withoutResult = ex.request(ex.starWithoutResult, ex.conflictQuestion);
    // The story with a quantified result keeps its score (already full marks); the same story
    // without its result loses, so the gap between them widens.
    expect(scoreOf(complete, RESULTS_HEAVY) ?? 0).toBeGreaterThanOrEqual(scoreOf(complete) ?? 0);
    expect(scoreOf(withoutResult, RESULTS_HEAVY) ?? 0).toBeLessThan(scoreOf(withoutResult) ?? 0);
    const gap = (emphasis?: RubricEmphasis) =>
      (scoreOf(complete, emphasis) ?? 0) - (scoreOf(withoutResult, emphasis) ?? 0);
    expect(gap(RESULTS_HEAVY)).toBeGreaterThan(gap() + 5);
    // And the other way round when results count least.
    expect(scoreOf(withoutResult, { results: 0.5 }) ?? 0).toBeGreaterThan(scoreOf(withoutResult) ?? 0);
  });

  it("raises every corpus story stronger on results than overall and lowers every weaker one", () => {
    let raised = 0;
    let lowered = 0;
    for (const { id, request } of corpus) {
      const parts = criteriaParts(analyseAnswer(request));
      const before = scoreOf(request);
      if (parts === null || before === null || parts.results.max === 0) continue;
      const total = Object.values(parts).reduce((sum, part) => sum + part.earned, 0) / 100;
      const results = parts.results.earned / parts.results.max;
      const after = scoreOf(request, { results: 2 });
      if (results > total + 0.05) {
        expect(after, id).toBeGreaterThanOrEqual(before);
        if ((after ?? 0) > before) raised += 1;
      } else if (results < total - 0.05) {
        expect(after, id).toBeLessThanOrEqual(before);
        if ((after ?? 0) < before) lowered += 1;
      }
    }
    expect(raised).toBeGreaterThan(10);
    expect(lowered).toBeGreaterThan(10);
  });

  it("keeps every score within 0-100 at the bounds' extremes, and never scores an unscorable answer", () => {
    const extremes: RubricEmphasis[] = [
      { structure: 2, specificity: 2, relevance: 2, results: 2, delivery: 2 },
      { structure: 0.5, specificity: 0.5, relevance: 0.5, results: 0.5, delivery: 0.5 },
      { relevance: 2, delivery: 2, results: 0.5 },
      { relevance: 0.5, delivery: 0.5, results: 2 },
    ];
    for (const { request } of corpus) {
      const shipped = scoreOf(request);
      for (const emphasis of extremes) {
        const score = scoreOf(request, emphasis);
        if (shipped === null) expect(score).toBeNull();
        else {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it("moves another coach's score (the AI coach's) by the shift the rubric measures, within 0-100", () => {
    const request = ex.request(ex.completeStar, ex.conflictQuestion);
    const analysis = analyseAnswer(request);
    const offlineShift = (scoreOf(request, RESULTS_HEAVY) ?? 0) - (scoreOf(request) ?? 0);
    const aiScore = 60;
    expect(
      Math.abs(withEmphasis(aiScore, analysis, RESULTS_HEAVY) - (aiScore + offlineShift)),
    ).toBeLessThanOrEqual(1);
    expect(withEmphasis(99, analysis, RESULTS_HEAVY)).toBeLessThanOrEqual(100);
    expect(withEmphasis(aiScore, analysis, undefined)).toBe(aiScore);
  });
});

describe("the emphasis setting", () => {
  const admin = () => {
    const store = new MemoryCommunitySettingsStore();
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    return {
      store,
      admin: new CommunityAdmin({ store, codec: yamlSettingsCodec, clock: { now: () => 0 }, logger }),
    };
  };

  it("refuses weights outside 0.5 to 2 and unknown parts, changing nothing", async () => {
    const { admin: desk, store } = admin();
    for (const rubricEmphasis of [{ results: 2.5 }, { delivery: 0.25 }, { results: 0 }, { charisma: 1 }]) {
      const outcome = await desk.update("discord:1", { id: "a" }, { rubricEmphasis } as never);
      expect(outcome.ok).toBe(false);
    }
    expect(await store.get("discord:1")).toEqual({ version: 1 });
    const read = readCommunitySettings("rubricEmphasis:\n  results: 3\n", yamlSettingsCodec);
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.problems.join("\n")).toContain("results must be between 0.5 and 2");
  });

  it("is shown in the settings summary's words", () => {
    expect(emphasisText(undefined)).toBe("as shipped (every part ×1)");
    expect(emphasisText({ results: 1.5, delivery: 0.75 })).toBe("results ×1.5, delivery ×0.75 (the rest ×1)");
  });

  it("reaches the evaluation request of the community's interviews, and only evaluations", async () => {
    const store = new MemoryCommunitySettingsStore();
    await store.put("slack:T1", { version: 1, rubricEmphasis: { results: 2 } });
    const coaching = new CommunityCoaching(store, { now: () => 0 });
    expect((await coaching.choose("slack:T1:C1:1.2", "evaluate-answer", false)).emphasis).toEqual({
      results: 2,
    });
    expect((await coaching.choose("slack:T1:C1:1.2", "decide-follow-up", true)).emphasis).toBeNull();
    expect((await coaching.choose("slack:T2:C1:1.2", "evaluate-answer", false)).emphasis).toBeNull();
  });
});
