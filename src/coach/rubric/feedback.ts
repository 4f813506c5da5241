import type { NotScorableReason } from "../../core/model/evaluation.ts";
import type { QuestionKind } from "../../core/model/interview-vocabulary.ts";
import { lengthAim } from "../../core/model/length-bands.ts";
import type { AnswerAnalysis } from "./analyse-answer.ts";
import { HEAVY_FILLER_PER_100 } from "./delivery.ts";
import { otherImprovements, otherStrengths } from "./feedback-other-kinds.ts";
import { starImprovements, starStrengths } from "./feedback-star.ts";
import { verbatimFragment } from "./quotes.ts";
import { RELEVANCE_FLOOR } from "./weights.ts";

/**
 * Assembles strengths and improvements. Order matters: the most important point comes first, and
 * an answer that tried to instruct the assessor is told so before anything else.
 */

const MAX_ITEMS = 5;
const MAX_CHARS = 400;

/** Keeps each message within the schema limit; cuts at a space and marks the cut. */
export function clip(message: string): string {
  if (message.length <= MAX_CHARS) return message;
  const cut = message.lastIndexOf(" ", MAX_CHARS - 1);
  return `${message.slice(0, cut > 200 ? cut : MAX_CHARS - 1)}…`;
}

function howToAnswer(kind: QuestionKind, company: string): string {
  switch (kind) {
    case "behavioural":
    case "revisit":
      return "Tell one real story: the situation, your task, what you personally did, and the result, ideally with a number.";
    case "motivation":
      return `Say why this role at ${company} specifically, with reasons linked to your own experience.`;
    case "culture-fit":
      return "Give a concrete example of the value in action: a specific time, what you did, and what came of it.";
    case "practical":
      return "Give a clear figure, range or date, and say what it is based on.";
    case "closing":
      return "Ask one or two questions about the role, the team's challenges or what success looks like.";
  }
}

function manipulationNotes(a: AnswerAnalysis): string[] {
  const notes: string[] = [];
  const [injection] = a.injections;
  if (injection) {
    notes.push(
      `Instructions to the assessor inside an answer ("${verbatimFragment(injection.text, 10)}") are ignored and ` +
        "cost points: the answer is judged only on what it says about you.",
    );
  }
  if (a.stuffed) {
    notes.push(
      "Lists of rubric words and repeated sentences count for nothing and cost points: tell the story in full sentences.",
    );
  }
  return notes;
}

function deliveryNotes(a: AnswerAnalysis): string[] {
  const { delivery } = a;
  const aim = lengthAim(a.request.question.kind);
  const notes: string[] = [];
  if (delivery.length === "too-short" || delivery.length === "short") {
    notes.push(`At ${delivery.words} words this is short: ${aim}.`);
  } else if (delivery.length === "too-long" || delivery.length === "long") {
    notes.push(`At ${delivery.words} words this runs long: ${aim}; trim the background, keep the point.`);
  }
  if (delivery.fillerPer100Words >= HEAVY_FILLER_PER_100 && delivery.fillers >= 3) {
    notes.push(
      `Cut the filler words ("um", "basically", "you know"): ${delivery.fillerPer100Words} per 100 words here.`,
    );
  }
  if (delivery.hedgesPer100Words >= 2 && delivery.hedges >= 2) {
    notes.push(
      `Drop hedges like "I think" and "probably" (${delivery.hedgesPer100Words} per 100 words): say what you did.`,
    );
  }
  return notes;
}

export function buildStrengths(a: AnswerAnalysis): string[] {
  const strengths = a.usesStar ? starStrengths(a) : otherStrengths(a);
  const { specificity, delivery } = a;
  if (specificity.score >= 0.6) {
    strengths.push(
      `Concrete detail makes it believable: ${specificity.numbers} number(s), ${specificity.names} name(s) or ` +
        `tool(s), ${specificity.dates} date(s) or time span(s).`,
    );
  }
  if (delivery.length === "ideal" && a.usesStar) {
    // About 140 words a minute when spoken, to the nearest half minute.
    const minutes = Math.max(1, Math.round((a.countedWords / 140) * 2) / 2);
    strengths.push(`A well-judged length: ${a.countedWords} words, about ${minutes} minutes spoken.`);
  }
  return strengths.slice(0, MAX_ITEMS).map(clip);
}

export function buildImprovements(a: AnswerAnalysis): string[] {
  const kindNotes = a.usesStar ? starImprovements(a) : otherImprovements(a);
  const relevance =
    a.relevance.score < RELEVANCE_FLOOR
      ? [
          `Stay on the question asked ("${verbatimFragment(a.request.question.text, 16)}"): make the link explicit.`,
        ]
      : [];
  const specificity =
    a.specificity.score < 0.4 && a.request.question.kind !== "closing"
      ? [
          "Add concrete detail: numbers, names of tools or teams, dates and time spans make an answer believable.",
        ]
      : [];
  return [...manipulationNotes(a), ...relevance, ...kindNotes, ...specificity, ...deliveryNotes(a)]
    .slice(0, MAX_ITEMS)
    .map(clip);
}

/** Not scorable: no strengths are invented; the improvements say what a scorable answer needs. */
export function notScorableImprovements(a: AnswerAnalysis, reason: NotScorableReason): string[] {
  const { question, options } = a.request;
  const how = howToAnswer(question.kind, options.company);
  const [first] = a.spoken.length > 0 ? a.spoken : a.sentences;
  let why: string;
  switch (reason) {
    case "empty":
      why = "There was no answer to assess.";
      break;
    case "too-short":
      why = first
        ? `"${verbatimFragment(first.text, 8)}" is too short to assess (${a.totalWords} word${a.totalWords === 1 ? "" : "s"}).`
        : "This is too short to assess.";
      break;
    case "gibberish":
      why = "This doesn't read as words, so it can't be assessed.";
      break;
    case "other-language": {
      const minutes = Math.max(0.5, Math.round((a.totalWords / 140) * 2) / 2);
      return [
        `This answer isn't in English, and the offline coach assesses English answers only, so it wasn't scored. ` +
          `What it could measure: ${a.totalWords} words, about ${minutes} minute${minutes === 1 ? "" : "s"} spoken. ` +
          "Answer in English for full feedback, or use the AI coach, which assesses answers in their own language.",
      ].map(clip);
    }
    case "off-topic":
      why = `This doesn't answer the question asked ("${verbatimFragment(question.text, 16)}"), so it wasn't scored.`;
      break;
    default:
      why = "This answer wasn't scored.";
  }
  return [...manipulationNotes(a), `${why} ${how}`].slice(0, MAX_ITEMS).map(clip);
}
