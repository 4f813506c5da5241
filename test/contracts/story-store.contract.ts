import { describe, expect, it } from "vitest";
import type { Story } from "../../src/core/model/story.ts";
import type { StoryStore } from "../../src/core/ports/story-store.ts";

let counter = 0;
function freshScope(): `slack:${string}` {
  counter += 1;
  return `slack:T${process.pid}${Date.now()}${counter}`;
}

export function story(id: string, overrides: Partial<Story> = {}): Story {
  return {
    id,
    title: `The warehouse move ${id}`,
    titled: false,
    situation: "When our warehouse moved sites in March, I was the shift lead.",
    task: null,
    action: "I rebuilt the picking rota around the new layout.",
    result: "Orders shipped on time within two weeks.",
    competencies: ["leadership"],
    bestScore: 70,
    marks: ["warehou", "rota", "#2"],
    kept: false,
    company: "Acme",
    role: "Operations Analyst",
    tellings: [{ sessionId: "s1", questionId: "q1", competency: "leadership", score: 70, at: 1_000 }],
    updatedAt: 1_000,
    ...overrides,
  };
}

const byId = (a: Story, b: Story) => a.id.localeCompare(b.id);

/** Behaviour every StoryStore must have; run against Redis, memory and the file alike. */
export function storyStoreContract(name: string, makeStore: () => StoryStore) {
  describe(`StoryStore contract: ${name}`, () => {
    it("keeps a member's stories per community and member, replacing by id", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", [story("a"), story("b")]);
      await store.put(scope, "u1", [story("a", { title: "Renamed", titled: true, kept: true })]);
      await store.put(scope, "u2", [story("c")]);
      await store.put(freshScope(), "u1", [story("d")]);
      expect((await store.list(scope, "u1")).sort(byId)).toEqual([
        story("a", { title: "Renamed", titled: true, kept: true }),
        story("b"),
      ]);
      expect(await store.list(scope, "nobody")).toEqual([]);
    });

    it("removes chosen stories and counts only those that were there", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", [story("a"), story("b"), story("c")]);
      expect(await store.remove(scope, "u1", ["a", "c", "missing"])).toBe(2);
      expect((await store.list(scope, "u1")).map((kept) => kept.id)).toEqual(["b"]);
      expect(await store.remove(scope, "nobody", ["a"])).toBe(0);
    });

    it("deletes a member's whole bank and nobody else's", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", [story("a"), story("b")]);
      await store.put(scope, "u2", [story("c")]);
      expect(await store.deleteAll(scope, "u1")).toBe(2);
      expect(await store.list(scope, "u1")).toEqual([]);
      expect(await store.list(scope, "u2")).toHaveLength(1);
      expect(await store.deleteAll(scope, "u1")).toBe(0);
    });

    it("refuses a story the schema does not allow and keeps what was there", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", [story("a")]);
      await expect(store.put(scope, "u1", [story("b", { title: "" })])).rejects.toThrow();
      expect((await store.list(scope, "u1")).map((kept) => kept.id)).toEqual(["a"]);
    });

    it("makes a story's mention syntax plain text, since it is shown back on every platform", async () => {
      const store = makeStore();
      const scope = freshScope();
      await store.put(scope, "u1", [story("a", { title: "Launch with @everyone <@U123>" })]);
      const [kept] = await store.list(scope, "u1");
      expect(kept?.title).not.toMatch(/@everyone|<@U123>/);
    });
  });
}
