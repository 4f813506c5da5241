import { describe, expect, it } from "vitest";
import { decideFollowUp } from "../../../src/coach/rubric/index.ts";
import * as ex from "./example-answers.ts";

const decide = (text: string, question = ex.leadershipQuestion, probesRemaining = 2) =>
  decideFollowUp({ ...ex.request(text, question), probesRemaining });

function quotedFragment(text: string): string {
  const match = /"([^"]+)"/.exec(text);
  if (!match?.[1]) throw new Error(`no quote in ${text}`);
  return match[1];
}

describe("decideFollowUp", () => {
  it("probes for a missing result, quoting the answer verbatim like an interviewer", () => {
    const decision = decide(ex.noResultStory);
    expect(decision).toEqual({
      probe: true,
      missing: ["result", "numbers"],
      text: 'You said "we rolled out the new rota across the team in October". What was the result, and can you put a number on it?',
    });
  });

  it("keeps the quote short and verbatim", () => {
    for (const text of [ex.noResultStory, ex.mostlyWe, ex.starWithoutNumber]) {
      const decision = decide(text);
      if (!decision.probe) throw new Error("expected a probe");
      const fragment = quotedFragment(decision.text);
      expect(text).toContain(fragment);
      expect(fragment.split(/\s+/).length).toBeLessThanOrEqual(12);
    }
  });

  it("asks for a number when the result has none", () => {
    const decision = decide(ex.starWithoutNumber, ex.conflictQuestion);
    expect(decision.probe && decision.missing).toEqual(["numbers"]);
  });

  it("asks what the candidate personally did when the answer is mostly we", () => {
    const decision = decide(ex.mostlyWe);
    expect(decision.probe && decision.missing).toContain("own-action");
    expect(decision.probe && decision.text).toContain("What did you personally do");
  });

  it("asks for a real example when the answer is hypothetical", () => {
    const decision = decide(
      "Honestly I've never really had a conflict with a colleague, I get on with everyone. I suppose if it happened I would talk to them and try to understand their perspective.",
      ex.conflictQuestion,
    );
    expect(decision.probe && decision.text).toContain("Can you give me a specific example");
  });

  it("does not probe when no probes remain", () => {
    expect(decide(ex.noResultStory, ex.leadershipQuestion, 0)).toEqual({ probe: false });
  });

  it("does not probe a strong answer", () => {
    expect(decide(ex.completeStar, ex.conflictQuestion)).toEqual({ probe: false });
  });

  it("does not probe junk, motivation, practical or closing answers", () => {
    expect(decide("idk")).toEqual({ probe: false });
    expect(decide(ex.recipe)).toEqual({ probe: false });
    expect(decide(ex.flatteryAnswer, ex.motivationQuestion)).toEqual({ probe: false });
    expect(decide(ex.vaguePracticalAnswer, ex.practicalQuestion)).toEqual({ probe: false });
    expect(decide("No, I'm good thanks.", ex.closingQuestion)).toEqual({ probe: false });
  });

  it("probes a revisit question like a behavioural one", () => {
    const revisit = { ...ex.leadershipQuestion, id: "revisit-1", kind: "revisit" as const };
    expect(decide(ex.noResultStory, revisit).probe).toBe(true);
  });
});
