import { describe, expect, it } from "vitest";
import type { RoundOneLog } from "../../src/core/model/round-one-log.ts";
import type { RoundOneLogStore } from "../../src/core/ports/round-one-log-store.ts";

let counter = 0;
function freshScope(): string {
  counter += 1;
  return `discord:${process.pid}${Date.now()}${counter}`;
}

export function sampleRoundOneLog(company: string, updatedAt = 1_000): RoundOneLog {
  return {
    company,
    role: "Data Analyst",
    date: "2026-11-20",
    entries: [
      {
        question: "Tell me about a time you missed a deadline.",
        notes: "Cut the month-end close from 5 days to 2.",
        howItWent: "badly",
      },
    ],
    updatedAt,
  };
}

/** Behaviour every RoundOneLogStore must have; run against Redis, memory and the file alike. */
export function roundOneLogStoreContract(name: string, makeStore: () => RoundOneLogStore) {
  describe(`RoundOneLogStore contract: ${name}`, () => {
    it("keeps one log per member and company, found whatever the company's case or spacing", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", sampleRoundOneLog("Monzo Bank"));
      expect(await store.get(scope, "u1", "  monzo   BANK ")).toEqual(sampleRoundOneLog("Monzo Bank"));
      expect(await store.get(scope, "u2", "Monzo Bank")).toBeNull();
      expect(await store.get(freshScope(), "u1", "Monzo Bank")).toBeNull();
      expect(await store.get(scope, "u1", "Starling")).toBeNull();
    });

    it("saving again for the same company replaces the log (that is how a log is edited)", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", sampleRoundOneLog("Monzo", 1_000));
      const edited = { ...sampleRoundOneLog("MONZO", 2_000), role: "Senior Analyst" };
      await store.put(scope, "u1", edited);
      expect(await store.list(scope, "u1")).toEqual([edited]);
    });

    it("lists a member's logs most recently changed first, and deletes one by company", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", sampleRoundOneLog("Acme", 1_000));
      await store.put(scope, "u1", sampleRoundOneLog("Globex", 3_000));
      await store.put(scope, "u1", sampleRoundOneLog("Initech", 2_000));
      expect((await store.list(scope, "u1")).map((log) => log.company)).toEqual([
        "Globex",
        "Initech",
        "Acme",
      ]);
      expect(await store.delete(scope, "u1", "globex")).toBe(true);
      expect(await store.delete(scope, "u1", "globex")).toBe(false);
      expect((await store.list(scope, "u1")).map((log) => log.company)).toEqual(["Initech", "Acme"]);
      expect(await store.list(scope, "nobody")).toEqual([]);
    });

    it("deletes all of a member's logs at once, and nobody else's", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "m1", sampleRoundOneLog("Acme"));
      await store.put(scope, "m1", sampleRoundOneLog("Globex"));
      await store.put(scope, "m2", sampleRoundOneLog("Acme"));
      await store.put(freshScope(), "m1", sampleRoundOneLog("Acme"));
      expect(await store.deleteMember(scope, "m1")).toBe(2);
      expect(await store.list(scope, "m1")).toEqual([]);
      expect(await store.list(scope, "m2")).toHaveLength(1);
      expect(await store.deleteMember(scope, "m1")).toBe(0);
    });
  });
}
