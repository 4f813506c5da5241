import { readFileSync } from "node:fs";
import { join } from "node:path";
import { storyMarks } from "../../../src/coach/rubric/story-marks.ts";
import { InterviewOptionsSchema } from "../../../src/core/model/interview-options.ts";
import { isSameStory } from "../../../src/core/model/same-story.ts";
import type { AnswerRequest } from "../../../src/core/ports/coach-port.ts";

interface LabelledPair {
  readonly id: string;
  readonly label: "same" | "different";
  readonly questionA: string;
  readonly answerA: string;
  readonly questionB: string;
  readonly answerB: string;
}

export interface StoryReuseFigures {
  readonly pairs: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly accuracy: number;
}

/**
 * The development half (odd ids: used to choose the marks' parts of speech and the threshold) or
 * the held-out half (even ids: never tuned on) of the labelled pairs.
 */
export function readPairs(half: "development" | "held-out"): LabelledPair[] {
  const all = JSON.parse(readFileSync(join(import.meta.dirname, "pairs.json"), "utf8")) as LabelledPair[];
  return all.filter((pair) => (Number(pair.id.slice(1)) % 2 === 1) === (half === "development"));
}

/** Each pair judged as the report judges two answers of one interview: marks, then isSameStory. */
export function measureStoryReuse(pairs: readonly LabelledPair[]): StoryReuseFigures {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  for (const pair of pairs) {
    const judgedSame = isSameStory(
      storyMarks(requestFor(pair.questionA, pair.answerA)),
      storyMarks(requestFor(pair.questionB, pair.answerB)),
    );
    if (judgedSame && pair.label === "same") truePositives += 1;
    else if (judgedSame) falsePositives += 1;
    else if (pair.label === "same") falseNegatives += 1;
    else trueNegatives += 1;
  }
  const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    pairs: pairs.length,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
    accuracy: ratio(truePositives + trueNegatives, pairs.length),
  };
}

const OPTIONS = InterviewOptionsSchema.parse({ role: "the role", company: "the company" });

/**
 * The answer as the coach is asked about it. A labelled pair has no bank question: the question's
 * own words stand in for its topic words.
 */
function requestFor(question: string, answerText: string): AnswerRequest {
  const topicWords = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  return {
    question: { id: "pair", text: question, kind: "behavioural", competency: null, hint: "", topicWords },
    answerText,
    options: OPTIONS,
  };
}
