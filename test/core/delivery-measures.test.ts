import { describe, expect, it } from "vitest";
import { deliveryOf } from "../../src/core/interview/delivery-measures.ts";
import { deliverySummary } from "../../src/core/interview/delivery-summary.ts";
import type { StarBreakdown } from "../../src/core/model/evaluation.ts";
import type { QuestionKind } from "../../src/core/model/interview-vocabulary.ts";
import { type ReportQuestion, ReportQuestionSchema } from "../../src/core/model/report.ts";
import type { Answer, AnswerPart } from "../../src/core/model/session.ts";
import {
  DeliveryMeasuresSchema,
  DeliverySummarySchema,
  type SpokenTiming,
} from "../../src/core/model/voice.ts";
import { evaluation, reportQuestion } from "../adapters/sample-reports.ts";

function timing(overrides: Partial<SpokenTiming>): SpokenTiming {
  return {
    durationMs: overrides.speakingMs ?? 60_000,
    speakingMs: 60_000,
    words: 140,
    fillers: 0,
    topFillers: [],
    hedges: 0,
    longPauses: [],
    spans: [],
    ...overrides,
  };
}

function part(text: string, spoken?: SpokenTiming, prompt: AnswerPart["prompt"] = "question"): AnswerPart {
  return {
    prompt,
    promptText: "Tell me about a time…",
    text,
    messageIds: ["m"],
    submittedAt: 0,
    secondsToAnswer: 60,
    words: 10,
    ...(spoken ? { spoken } : {}),
  };
}

function answer(parts: AnswerPart[], star?: StarBreakdown): Answer {
  return {
    questionId: "q-1",
    status: "answered",
    parts,
    hintUsed: false,
    evaluation: star ? evaluation({ star }) : null,
  };
}

function measure(spoken: Partial<SpokenTiming>, kind: QuestionKind = "behavioural") {
  const delivery = deliveryOf(answer([part("An answer.", timing(spoken))]), kind);
  if (!delivery) throw new Error("no delivery");
  return DeliveryMeasuresSchema.parse(delivery);
}

const SITUATION = "Our team kept missing deadlines.";
const TASK = "I had to fix it.";
const ACTION = "I rebuilt the plan.";
const RESULT = "We shipped on time.";
const STORY = `${SITUATION} ${TASK} ${ACTION} ${RESULT}`;

function star(evidence: Partial<Record<keyof StarBreakdown, string | null>>): StarBreakdown {
  const component = (text: string | null | undefined) => ({ present: Boolean(text), evidence: text ?? null });
  return {
    situation: component(evidence.situation),
    task: component(evidence.task),
    action: component(evidence.action),
    result: component(evidence.result),
  };
}

const ALL_FOUR = star({ situation: SITUATION, task: TASK, action: ACTION, result: RESULT });

/** The story in 100 s of speech: 45 s situation, 15 s task, 25 s action, 15 s result. */
const STORY_SPANS: SpokenTiming["spans"] = [
  [0, 32, 0, 45_000],
  [33, 49, 45_000, 60_000],
  [50, 69, 60_000, 85_000],
  [70, 89, 85_000, 100_000],
];

describe("deliveryOf", () => {
  it("is undefined for a typed answer", () => {
    expect(deliveryOf(answer([part("Typed.")]), "behavioural")).toBeUndefined();
  });

  it("too fast: words a minute over the speaking time, and the pace tip first", () => {
    const delivery = measure({ speakingMs: 60_000, words: 190, fillers: 12, topFillers: [["um", 12]] });
    expect(delivery.wordsPerMinute).toBe(190);
    expect(delivery.pace).toBe("too-fast");
    expect(delivery.speakingSeconds).toBe(60);
    expect(delivery.tip).toBe(
      "You spoke at 190 words a minute; aim for about 140. Take a breath at the end of each sentence: it slows you down and gives the panel time to note your point.",
    );
  });

  it("heavy fillers name the filler heard most", () => {
    const delivery = measure({
      speakingMs: 60_000,
      words: 140,
      fillers: 10,
      topFillers: [
        ["um", 6],
        ["like", 4],
      ],
    });
    expect(delivery.fillersPer100Words).toBe(7.1);
    expect(delivery.topFillers).toEqual([
      ["um", 6],
      ["like", 4],
    ]);
    expect(delivery.tip).toBe(
      'You said "um" 6 times (7.1 fillers per 100 words in all). When you need a moment, pause instead: a short silence sounds more composed than a filler.',
    );
  });

  it("long pauses: more than one a minute", () => {
    const delivery = measure({ speakingMs: 90_000, words: 210, longPauses: [2_500, 3_000, 2_100] });
    expect(delivery.wordsPerMinute).toBe(140);
    expect(delivery.longPauses).toBe(3);
    expect(delivery.longestPauseSeconds).toBe(3);
    expect(delivery.tip).toMatch(/^You stopped for more than 2 seconds 3 times, the longest for 3 s\./);
  });

  it("one long pause in two minutes is no tip; one of 6 s is", () => {
    expect(measure({ speakingMs: 120_000, words: 280, longPauses: [2_500] }).tip).toMatch(/^Clear delivery/);
    expect(measure({ speakingMs: 120_000, words: 280, longPauses: [6_400] }).tip).toMatch(
      /^You stopped for more than 2 seconds once, the longest for 6.4 s\./,
    );
  });

  it("too slow", () => {
    const delivery = measure({ speakingMs: 120_000, words: 180 });
    expect(delivery.wordsPerMinute).toBe(90);
    expect(delivery.pace).toBe("too-slow");
    expect(delivery.tip).toMatch(/^You spoke at 90 words a minute; aim for about 140\./);
  });

  it("does not judge the pace of a few seconds of speech", () => {
    const delivery = measure({ speakingMs: 5_000, words: 20 }, "practical");
    expect(delivery.wordsPerMinute).toBe(240);
    expect(delivery.pace).toBe("too-fast");
    expect(delivery.tip).toMatch(/^Clear delivery: 240 words a minute/);
  });

  it("too long and too short against the band spoken at 140 words a minute", () => {
    const long = measure({ speakingMs: 240_000, words: 560 });
    expect(long.length).toBe("too-long");
    expect(long.tip).toBe(
      "This answer ran 4 min; aim for about 1-2.5 minutes. Keep what you did and how it turned out, and cut the rest of the background.",
    );
    const short = measure({ speakingMs: 20_000, words: 47 });
    expect(short.length).toBe("too-short");
    expect(short.tip).toBe(
      "This answer took 20 s; aim for about 1-2.5 minutes. Say what you did, step by step, and how it turned out.",
    );
    const motivation = measure({ speakingMs: 10_000, words: 24 }, "motivation");
    expect(motivation.tip).toBe(
      "This answer took 10 s; aim for about 30 seconds to 2 minutes. Add a reason and an example.",
    );
  });

  it("a clear answer gets a specific positive note", () => {
    const delivery = measure(
      { speakingMs: 60_000, words: 140, fillers: 1, topFillers: [["um", 1]] },
      "motivation",
    );
    expect(delivery.tip).toBe(
      "Clear delivery: 140 words a minute, 0.7 fillers per 100 words and no long pauses. Keep it that way.",
    );
    expect(delivery.starShare).toBeNull();
  });

  it("STAR share: each part from its sentence to the next, as shares of the timed speech", () => {
    const spoken = timing({ speakingMs: 100_000, words: 240, spans: STORY_SPANS });
    const delivery = deliveryOf(answer([part(STORY, spoken)], ALL_FOUR), "behavioural");
    expect(delivery?.starShare).toEqual({ situation: 0.45, task: 0.15, action: 0.25, result: 0.15 });
    expect(delivery?.tip).toBe(
      "Your story spent 45% of its time on the situation and 25% on what you did. Set the scene in a sentence or two, then spend most of the time on your actions.",
    );
  });

  it("STAR share is null for a question that is not a story, or with fewer than two parts found", () => {
    const spoken = timing({ spans: STORY_SPANS });
    expect(deliveryOf(answer([part(STORY, spoken)], ALL_FOUR), "motivation")?.starShare).toBeNull();
    const one = star({ situation: SITUATION, action: "A sentence the candidate never said." });
    expect(deliveryOf(answer([part(STORY, spoken)], one), "behavioural")?.starShare).toBeNull();
  });

  it("STAR share finds sentences whatever their case and spacing, across a typed line and a probe", () => {
    // Main part: situation then a typed line (no time); the probe: action then result.
    const main = `${SITUATION}\nTyped: the deadline was Friday.`;
    const probe = `${ACTION} ${RESULT}`;
    const parts = [
      part(main, timing({ speakingMs: 40_000, words: 100, spans: [[0, 32, 0, 40_000]] })),
      part(
        probe,
        timing({
          speakingMs: 60_000,
          words: 140,
          spans: [
            [0, 19, 0, 45_000],
            [20, 39, 45_000, 60_000],
          ],
        }),
        "probe",
      ),
    ];
    const cited = star({
      situation: "our team  kept missing deadlines.",
      action: ACTION,
      result: "We shipped\non time.",
    });
    expect(deliveryOf(answer(parts, cited), "behavioural")?.starShare).toEqual({
      situation: 0.4,
      task: 0,
      action: 0.45,
      result: 0.15,
    });
  });

  it("shares time within a span by its characters, and time before the first cited sentence is nobody's", () => {
    // One 10 s span over "Hello. " + the story; the greeting's 7 characters are 7/96 of it.
    const text = `Hello. ${STORY}`;
    const spoken = timing({ speakingMs: 10_000, spans: [[0, text.length, 0, 9_600]] });
    const share = deliveryOf(answer([part(text, spoken)], ALL_FOUR), "behavioural")?.starShare;
    // 96 characters over 9,600 ms: 100 ms a character. Situation 33, task 17, action 20, result 19.
    expect(share).toEqual({ situation: 0.34, task: 0.18, action: 0.21, result: 0.2 });
  });
});

describe("deliverySummary", () => {
  function spokenQuestion(index: number, delivery: ReportQuestion["delivery"]): ReportQuestion {
    return ReportQuestionSchema.parse(reportQuestion(index, delivery ? { delivery } : {}));
  }

  const base = measure({});

  it("is undefined when nothing was spoken", () => {
    expect(deliverySummary([reportQuestion(0), reportQuestion(1)])).toBeUndefined();
  });

  it("pools the speech of every spoken answer, ignoring typed ones", () => {
    const summary = deliverySummary([
      spokenQuestion(0, {
        ...base,
        speakingSeconds: 60,
        words: 150,
        fillers: 3,
        longPauses: 1,
        longestPauseSeconds: 2.5,
      }),
      reportQuestion(1),
      spokenQuestion(2, {
        ...base,
        speakingSeconds: 120,
        words: 270,
        fillers: 4,
        longPauses: 0,
        longestPauseSeconds: 0,
      }),
    ]);
    expect(DeliverySummarySchema.parse(summary)).toEqual({
      spokenAnswers: 2,
      speakingSeconds: 180,
      wordsPerMinute: 140,
      pace: "good",
      fillersPer100Words: 1.7,
      longPauses: 1,
      tip: "Across your 2 spoken answers: 140 words a minute, 1.7 fillers per 100 words and 1 long pause. A steady delivery; each answer's note has one thing to try.",
    });
  });

  it("names the filler heard most across the answers", () => {
    const summary = deliverySummary([
      spokenQuestion(0, {
        ...base,
        words: 100,
        fillers: 6,
        topFillers: [
          ["like", 4],
          ["um", 2],
        ],
      }),
      spokenQuestion(1, {
        ...base,
        words: 100,
        fillers: 6,
        topFillers: [
          ["um", 3],
          ["so", 3],
        ],
      }),
    ]);
    expect(summary?.fillersPer100Words).toBe(6);
    expect(summary?.tip).toMatch(/^You said "um" 5 times \(6 fillers per 100 words in all\)\./);
  });
});
