import { describe, expect, it } from "vitest";
import type { ProgressEntry } from "../../src/core/model/progress-entry.ts";
import { MAX_PROGRESS_ENTRIES, type ProgressStore } from "../../src/core/ports/progress-store.ts";

let counter = 0;
function freshScope(): `discord:${string}` {
  counter += 1;
  return `discord:${process.pid}${Date.now()}${counter}`;
}

export function progressEntry(
  sessionId: string,
  finishedAt: number,
  overallScore: number | null = 60,
): ProgressEntry {
  return {
    sessionId,
    finishedAt,
    role: "Data Analyst",
    company: "Acme",
    stage: "second",
    overallScore,
    competencies: [
      { competency: "initiative", score: overallScore },
      { competency: "conflict", score: null },
    ],
  };
}

/** Behaviour every ProgressStore must have; run against Redis, memory and the file alike. */
export function progressStoreContract(name: string, makeStore: () => ProgressStore) {
  describe(`ProgressStore contract: ${name}`, () => {
    it("lists a member's entries oldest first, per community and member", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.record(scope, "u1", progressEntry("b", 2_000, 70));
      await store.record(scope, "u1", progressEntry("a", 1_000, 50));
      await store.record(scope, "u2", progressEntry("c", 3_000));
      await store.record(freshScope(), "u1", progressEntry("d", 4_000));
      expect(await store.list(scope, "u1")).toEqual([
        progressEntry("a", 1_000, 50),
        progressEntry("b", 2_000, 70),
      ]);
      expect(await store.list(scope, "nobody")).toEqual([]);
    });

    it("records an interview once however often its finish is recorded (keyed by session id)", async () => {
      const store = makeStore();
      const scope = freshScope();
      for (let attempt = 0; attempt < 3; attempt += 1)
        await store.record(scope, "u1", progressEntry("s1", 1_000));
      await Promise.all([
        store.record(scope, "u1", progressEntry("s1", 1_000)),
        store.record(scope, "u1", progressEntry("s1", 1_000)),
      ]);
      expect(await store.list(scope, "u1")).toEqual([progressEntry("s1", 1_000)]);
    });

    it(`keeps the newest ${MAX_PROGRESS_ENTRIES} entries`, async () => {
      const store = makeStore();
      const scope = freshScope();
      for (let index = 0; index < MAX_PROGRESS_ENTRIES + 3; index += 1)
        await store.record(scope, "u1", progressEntry(`s${index}`, 1_000 + index));
      const kept = await store.list(scope, "u1");
      expect(kept).toHaveLength(MAX_PROGRESS_ENTRIES);
      expect(kept[0]?.sessionId).toBe("s3");
      expect(kept.at(-1)?.sessionId).toBe(`s${MAX_PROGRESS_ENTRIES + 2}`);
    });

    it("deletes one member's history in one community, and nothing else", async () => {
      const store = makeStore();
      const scope = freshScope();
      const other = freshScope();
      await store.record(scope, "u1", progressEntry("s1", 1_000));
      await store.record(scope, "u1", progressEntry("s2", 2_000));
      await store.record(scope, "u2", progressEntry("s3", 3_000));
      await store.record(other, "u1", progressEntry("s4", 4_000));
      expect(await store.delete(scope, "u1")).toBe(2);
      expect(await store.list(scope, "u1")).toEqual([]);
      expect(await store.delete(scope, "u1")).toBe(0);
      expect(await store.list(scope, "u2")).toHaveLength(1);
      expect(await store.list(other, "u1")).toHaveLength(1);
    });

    it("keeps nothing but the minimal fields", async () => {
      const store = makeStore();
      const scope = freshScope();
      const withExtras = {
        ...progressEntry("s1", 1_000),
        answer: "I led the migration",
        quotes: ["we moved"],
      };
      await store.record(scope, "u1", withExtras as ProgressEntry);
      const [stored] = await store.list(scope, "u1");
      expect(Object.keys(stored ?? {}).sort()).toEqual(
        ["company", "competencies", "finishedAt", "overallScore", "role", "sessionId", "stage"].sort(),
      );
    });
  });
}
