import { describe, expect, it } from "vitest";
import {
  type CommunitySettings,
  DEFAULT_COMMUNITY_SETTINGS,
} from "../../src/core/model/community-settings.ts";
import type { BankEntry } from "../../src/core/model/question-bank-entry.ts";
import type { CommunitySettingsStore } from "../../src/core/ports/community-settings-store.ts";

let counter = 0;
function freshScope(): `discord:${string}` {
  counter += 1;
  return `discord:G${process.pid}${Date.now()}${counter}`;
}

/** A community question as an admin would write it. */
export function extraQuestion(id: string, overrides: Partial<BankEntry> = {}): BankEntry {
  return {
    id,
    text: "Tell me about a time you ran a student society event that nearly went wrong.",
    kind: "behavioural",
    competency: "pressure",
    stages: ["first", "second", "final"],
    staple: false,
    hint: "Situation: the event. Action: what you did when it started to go wrong. Result: how it ended.",
    topicWords: ["society", "event", "plan", "volunteer", "deadline"],
    ...overrides,
  };
}

/** Behaviour every CommunitySettingsStore must have; run against Redis and memory alike. */
export function communitySettingsStoreContract(name: string, makeStore: () => CommunitySettingsStore) {
  describe(`CommunitySettingsStore contract: ${name}`, () => {
    it("gives the defaults to a community without settings", async () => {
      expect(await makeStore().get(freshScope())).toEqual(DEFAULT_COMMUNITY_SETTINGS);
    });

    it("keeps each community's settings apart and replaces them whole", async () => {
      const store = makeStore();
      const [one, two] = [freshScope(), freshScope()];
      const first: CommunitySettings = {
        version: 1,
        extraQuestions: [extraQuestion("society-event")],
        interviewsPerMemberPerDay: 2,
        monthlyTokenBudget: 50_000,
      };
      await store.put(one, first);
      expect(await store.get(one)).toEqual(first);
      expect(await store.get(two)).toEqual(DEFAULT_COMMUNITY_SETTINGS);
      await store.put(one, { version: 1, aiCoach: false });
      expect(await store.get(one)).toEqual({ version: 1, aiCoach: false });
    });

    it("refuses settings the schema refuses, keeping what was there", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, { version: 1, interviewsPerMemberPerDay: 3 });
      const broken = { version: 1, interviewsPerMemberPerDay: -1 } as CommunitySettings;
      await expect(store.put(scope, broken)).rejects.toThrow();
      expect(await store.get(scope)).toEqual({ version: 1, interviewsPerMemberPerDay: 3 });
    });

    it("meters tokens per community and month", async () => {
      const store = makeStore();
      const [one, two] = [freshScope(), freshScope()];
      expect(await store.tokensUsed(one, "2026-12")).toBe(0);
      expect(await store.addTokens(one, "2026-12", 1_200)).toBe(1_200);
      expect(await store.addTokens(one, "2026-12", 300)).toBe(1_500);
      await store.addTokens(one, "2027-01", 7);
      expect(await store.tokensUsed(one, "2026-12")).toBe(1_500);
      expect(await store.tokensUsed(one, "2027-01")).toBe(7);
      expect(await store.tokensUsed(two, "2026-12")).toBe(0);
    });

    it("hands out copies: changing what get returned changes nothing stored", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, { version: 1, competencies: ["leadership"] });
      const got = await store.get(scope);
      got.competencies?.push("conflict");
      expect(await store.get(scope)).toEqual({ version: 1, competencies: ["leadership"] });
    });
  });
}
