import { describe, expect, it } from "vitest";
import { spokenTimingOfPart } from "../../src/core/interview/spoken-part.ts";
import { buildPart } from "../../src/core/interview/transition-flow.ts";
import { type DraftMessage, type Session, SessionSchema, type Turn } from "../../src/core/model/session.ts";
import type { SpokenTiming } from "../../src/core/model/voice.ts";
import { sampleSession } from "../support/sample-session.ts";

const FIRST: DraftMessage = {
  id: "m1",
  text: "We were late.",
  at: 1_000,
  spoken: {
    durationMs: 5_000,
    speakingMs: 4_000,
    words: 3,
    fillers: 1,
    topFillers: [["um", 1]],
    hedges: 0,
    longPauses: [2_500],
    spans: [[0, 13, 0, 4_000]],
  },
};
const TYPED: DraftMessage = { id: "m2", text: "Typed note.", at: 2_000 };
const SECOND: DraftMessage = {
  id: "m3",
  text: "I fixed it. Um, like, it worked.",
  at: 3_000,
  spoken: {
    durationMs: 6_000,
    speakingMs: 5_000,
    words: 7,
    fillers: 2,
    topFillers: [
      ["like", 1],
      ["um", 1],
    ],
    hedges: 1,
    longPauses: [3_000],
    spans: [
      [0, 11, 0, 2_000],
      [12, 32, 2_500, 6_000],
    ],
  },
};

function turn(draft: DraftMessage[]): Turn {
  return {
    questionId: "conflict-1",
    prompt: "question",
    probeText: null,
    askedAt: 0,
    draft,
    mainPart: null,
    hintUsed: false,
    awaitingCoach: false,
  };
}

describe("spokenTimingOfPart", () => {
  it("is undefined when every message was typed", () => {
    expect(spokenTimingOfPart([TYPED])).toBeUndefined();
    expect(spokenTimingOfPart([])).toBeUndefined();
  });

  it("merges two clips around a typed message: sums, pooled fillers, spans moved to the part's text and time", () => {
    const timing = spokenTimingOfPart([FIRST, TYPED, SECOND]);
    expect(timing).toEqual({
      durationMs: 11_000,
      speakingMs: 9_000,
      words: 10,
      fillers: 3,
      topFillers: [
        ["um", 2],
        ["like", 1],
      ],
      hedges: 1,
      longPauses: [2_500, 3_000],
      spans: [
        [0, 13, 0, 4_000],
        [26, 37, 5_000, 7_000],
        [38, 58, 7_500, 11_000],
      ],
    } satisfies SpokenTiming);
    const text = [FIRST, TYPED, SECOND].map((message) => message.text).join("\n");
    expect(text.slice(26, 37)).toBe("I fixed it.");
    expect(text.slice(38, 58)).toBe("Um, like, it worked.");
  });

  it("cuts a span that reaches past its own message, and drops one left empty", () => {
    const changed: DraftMessage = {
      id: "m4",
      text: "Short.",
      at: 1_000,
      spoken: {
        ...(FIRST.spoken as SpokenTiming),
        spans: [
          [0, 40, 0, 3_000],
          [20, 30, 3_000, 4_000],
        ],
      },
    };
    expect(spokenTimingOfPart([changed, TYPED])?.spans).toEqual([[0, 6, 0, 3_000]]);
  });

  it("buildPart keeps the merged timing with the part, and nothing for a typed part", () => {
    const spoken = buildPart(turn([FIRST, TYPED, SECOND]), [FIRST, TYPED, SECOND], 4_000, "Tell me…");
    expect(spoken.text).toBe("We were late.\nTyped note.\nI fixed it. Um, like, it worked.");
    expect(spoken.spoken?.spans).toHaveLength(3);
    expect(spoken.spoken?.words).toBe(10);
    const typed = buildPart(turn([TYPED]), [TYPED], 4_000, "Tell me…");
    expect("spoken" in typed).toBe(false);
  });

  it("a session with spoken drafts and parts goes through the stored schema unchanged", () => {
    const base = sampleSession("discord:guild:channel");
    const part = buildPart(turn([FIRST, TYPED, SECOND]), [FIRST, TYPED, SECOND], 4_000, "Tell me…");
    const session: Session = {
      ...base,
      turn: base.turn ? { ...base.turn, draft: [FIRST, TYPED] } : null,
      answers: [
        { questionId: "conflict-1", status: "answered", parts: [part], hintUsed: false, evaluation: null },
      ],
    };
    const stored = SessionSchema.parse(JSON.parse(JSON.stringify(session)));
    expect(stored).toEqual(session);
    expect(stored.answers[0]?.parts[0]?.spoken?.spans[2]).toEqual([38, 58, 7_500, 11_000]);
    expect(stored.turn?.draft[0]?.spoken?.longPauses).toEqual([2_500]);
  });
});
