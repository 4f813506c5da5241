import { describe, expect, it } from "vitest";
import { decideFollowUp } from "../../src/coach/rubric/decide-follow-up.ts";
import { probeLimitOf } from "../../src/core/interview/probe-limit.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import { emulatorOpenAICoach } from "../support/emulator-openai-coach.ts";
import { FIRST_ATTEMPT, PRESSURE_STORY } from "../support/story-question-coach.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const currentEmulator = useOpenAIEmulator();

const options = (difficulty: "supportive" | "standard" | "tough", extra: Record<string, unknown> = {}) =>
  InterviewOptionsSchema.parse({ role: "Data Analyst", company: "Acme", difficulty, ...extra });

const decide = (difficulty: "supportive" | "standard" | "tough", answerText: string) =>
  decideFollowUp({ question: PRESSURE_STORY, answerText, options: options(difficulty), probesRemaining: 3 });

/** A story that stops before saying how it ended. */
const NO_RESULT =
  "Last spring I worked as an analyst on a data migration at a retailer. We were two weeks behind the deadline. " +
  "I rebuilt the migration plan and moved the largest tables myself over the weekend.";

describe("how hard follow-ups probe, by difficulty", () => {
  it("supportive: only a missing result, asked gently; a result without a number is left alone", () => {
    expect(decide("supportive", FIRST_ATTEMPT)).toEqual({ probe: false });
    const probe = decide("supportive", NO_RESULT);
    expect(probe).toMatchObject({ probe: true, missing: ["result"] });
    expect(probe.probe && probe.text).toMatch(/How did that turn out in the end\?$/);
  });

  it("standard: asks for the number the result lacks, as before", () => {
    const probe = decide("standard", FIRST_ATTEMPT);
    expect(probe).toMatchObject({ probe: true, missing: ["numbers"] });
    expect(probe.probe && probe.text).toMatch(
      /^You said "We finished on time"\. Can you put a number on that/,
    );
  });

  it("tough: asks for every missing piece at once, the goal and a number included", () => {
    const probe = decide("tough", FIRST_ATTEMPT);
    expect(probe).toMatchObject({ probe: true });
    expect(probe.probe && probe.missing).toEqual(expect.arrayContaining(["numbers", "specifics"]));
    expect(probe.probe && probe.text).toMatch(
      /what exactly were you responsible for.* and what number shows it/,
    );
  });

  it("caps the interview's probes: one for a supportive panel, every story question for a tough one, none when off", () => {
    expect(probeLimitOf(options("supportive"))).toBe(1);
    expect(probeLimitOf(options("standard"))).toBe(3);
    expect(probeLimitOf(options("tough", { questionCount: 8 }))).toBe(8);
    expect(probeLimitOf(options("tough", { probeLimit: 0 }))).toBe(0);
  });

  it("tells the AI coach how hard to probe, in the turn prompt's user message", async () => {
    currentEmulator().script({
      kind: "json",
      content: {
        probe: true,
        text: "What exactly did you own, and what number shows the result?",
        missing: ["numbers"],
      },
    });
    const coach = emulatorOpenAICoach(currentEmulator().url);
    const decision = await coach.decideFollowUp({
      question: PRESSURE_STORY,
      answerText: FIRST_ATTEMPT,
      options: options("tough"),
      probesRemaining: 3,
    });
    expect(decision.probe).toBe(true);
    const messages = JSON.stringify(currentEmulator().requests[0]?.body);
    expect(messages).toContain("How hard to probe: tough: ask for every missing piece in one probe");
  });
});
