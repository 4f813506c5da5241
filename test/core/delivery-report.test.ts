import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/core/interview/build-report.ts";
import { ReportSchema } from "../../src/core/model/report.ts";
import type { AnswerPart, Session } from "../../src/core/model/session.ts";
import { sampleSession } from "../support/sample-session.ts";

function part(text: string, spoken?: AnswerPart["spoken"]): AnswerPart {
  return {
    prompt: "question",
    promptText: "Tell me…",
    text,
    messageIds: ["m"],
    submittedAt: 0,
    secondsToAnswer: 90,
    words: 150,
    ...(spoken ? { spoken } : {}),
  };
}

const SPOKEN: AnswerPart["spoken"] = {
  durationMs: 95_000,
  speakingMs: 90_000,
  words: 210,
  fillers: 2,
  topFillers: [["um", 2]],
  hedges: 1,
  longPauses: [2_400],
  spans: [[0, 20, 0, 90_000]],
};

function answered(spoken: boolean): Session {
  const base = sampleSession("discord:guild:channel");
  return {
    ...base,
    answers: [
      {
        questionId: "conflict-1",
        status: "answered",
        parts: [part("A story, told aloud.", spoken ? SPOKEN : undefined)],
        hintUsed: false,
        evaluation: null,
      },
      {
        questionId: "motivation-1",
        status: "answered",
        parts: [part("Typed reasons.")],
        hintUsed: false,
        evaluation: null,
      },
    ],
  };
}

describe("the report's delivery", () => {
  it("is set on a spoken answer and summarised; the typed answer has none", () => {
    const report = ReportSchema.parse(buildReport(answered(true), 2_000));
    expect(report.questions[0]?.delivery).toMatchObject({
      speakingSeconds: 90,
      words: 210,
      wordsPerMinute: 140,
      pace: "good",
      fillersPer100Words: 1,
      longPauses: 1,
      longestPauseSeconds: 2.4,
      hedges: 1,
      starShare: null,
      length: "ideal",
    });
    expect("delivery" in (report.questions[1] ?? {})).toBe(false);
    expect(report.delivery).toMatchObject({ spokenAnswers: 1, speakingSeconds: 90, wordsPerMinute: 140 });
  });

  it("is absent everywhere when every answer was typed, so a typed report is unchanged", () => {
    const report = buildReport(answered(false), 2_000);
    expect("delivery" in report).toBe(false);
    expect(report.questions.some((question) => "delivery" in question)).toBe(false);
  });
});
