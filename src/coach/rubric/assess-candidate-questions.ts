import type { InterviewOptions } from "../../core/model/interview-options.ts";
import type { CandidateQuestionsAssessment } from "../../core/ports/coach-port.ts";
import { verbatimFragment } from "./quotes.ts";
import { type Sentence, splitSentences } from "./sentences.ts";
import { phraseList, phraseRegex } from "./text-match.ts";

/**
 * The candidate's questions for the interviewer. Good questions show you are already thinking
 * about doing the job well; leading with holidays and pay suggests you are thinking about the
 * perks. Judged on what they ask, in the order they ask it.
 */

const STARTERS = new Set(
  "what how why could can would will is are do does did when where who which should may might have has".split(
    " ",
  ),
);
const SOFT_STARTS = phraseRegex(
  phraseList(
    "i'd like to know | i would like to know | i was wondering | i'm curious | tell me about | i'd love to hear",
  ),
);
const BENEFITS: readonly [string, RegExp][] = [
  [
    "holidays",
    phraseRegex(
      phraseList("holiday | holidays | annual leave | vacation | time off | days off | parental leave"),
    ),
  ],
  [
    "pay",
    phraseRegex(
      phraseList("pay | salary | bonus | bonuses | pay rise | compensation | overtime | equity | shares"),
    ),
  ],
  [
    "benefits",
    phraseRegex(phraseList("benefits | perks | pension | package | gym | discount | health insurance")),
  ],
  [
    "working hours",
    phraseRegex(
      phraseList(`working hours | what hours | hours are | hours do | remote | work from home | wfh | office days |
      days in the office | flexible working | four-day week | 4-day week | start time | finish time | lunch break`),
    ),
  ],
];
const STRATEGIC = phraseRegex(
  phraseList(`challenge | challenges | 90 days | ninety days | first three months | first six months | first year |
  success look like | success looks like | what does success | measure success | measured | performance |
  strategy | strategic | direction | vision | roadmap | priorities | plans for | next year | next few years |
  growth plans | heading | goals | objectives | okrs | kpis | you enjoy | brought you | how long have you |
  your experience | your own experience | keeps you | competitors | hardest | biggest | concerns about my |
  expectations of | what would you expect | opportunities | problems`),
);
const MAX_QUESTIONS = 10;

function isQuestion(sentence: Sentence): boolean {
  return (
    sentence.plain.endsWith("?") || STARTERS.has(sentence.words[0] ?? "") || SOFT_STARTS.test(sentence.lower)
  );
}

function benefitTopic(sentence: Sentence): string | null {
  return BENEFITS.find(([, pattern]) => pattern.test(sentence.lower))?.[0] ?? null;
}

function quote(sentence: Sentence): string {
  return `"${verbatimFragment(sentence.text, 15)}"`;
}

export function assessCandidateQuestions(request: {
  readonly text: string;
  readonly options: InterviewOptions;
}): CandidateQuestionsAssessment {
  const company = request.options.company;
  const asked = splitSentences(request.text).filter(isQuestion).slice(0, MAX_QUESTIONS);
  const questions = asked.map((sentence) => sentence.text);
  const [first] = asked;
  if (first === undefined) {
    return {
      quality: "none",
      questions,
      feedback:
        `You didn't ask anything. Always have two or three questions ready: it shows real interest in ${company}. ` +
        `Try "What are the team's biggest challenges this year?" or "What would success look like in the first 90 days?"`,
    };
  }
  const strategic = asked.find(
    (sentence) => STRATEGIC.test(sentence.lower) && benefitTopic(sentence) === null,
  );
  const firstTopic = benefitTopic(first);
  if (firstTopic !== null) {
    const later = strategic
      ? ` Your question ${quote(strategic)} was a strong one: lead with that next time.`
      : "";
    return {
      quality: "benefits-first",
      questions,
      feedback:
        `Your first question was about ${firstTopic} (${quote(first)}). It's fair to want to know, and such questions ` +
        `are fine once an offer is on the table; at interview, lead with the job itself: the team's biggest ` +
        `challenges, what success looks like in the first 90 days, or where ${company} is heading.${later}`,
    };
  }
  if (strategic) {
    return {
      quality: "strategic",
      questions,
      feedback:
        `Strong questions. Asking ${quote(strategic)} shows you're already thinking about how you'd succeed ` +
        `at ${company}, not just about getting the job.`,
    };
  }
  const count = asked.length === 1 ? "a question" : `${asked.length} questions`;
  return {
    quality: "basic",
    questions,
    feedback:
      `You asked ${count}, which is good, but ${asked.length === 1 ? "it was" : "they were"} fairly basic ` +
      `(${quote(first)}). Stronger questions show you're thinking about doing the job well: ask about the team's ` +
      `challenges, what success looks like in the first 90 days, or where ${company} is heading.`,
  };
}
