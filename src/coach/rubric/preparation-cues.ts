import type { AnswerPreparationItem, PreparationEvidence } from "../../core/model/preparation.ts";
import type { AnswerRequest } from "../../core/ports/coach-port.ts";
import type { Token } from "../language/tokens.ts";
import { analyseAnswer } from "./analyse-answer.ts";
import { companyNames, mentions } from "./kind-signals.ts";
import {
  ADMISSION_PHRASES,
  COMPARISON_LEMMAS,
  COMPARISON_PHRASES,
  FLATTERY_PHRASES,
  RESEARCH_LEMMAS,
  SALARY_LEMMAS,
  SALARY_PHRASES,
} from "./lexicons.ts";
import { clauseQuote, quoteOf } from "./quotes.ts";
import { analysisForm, type Sentence, splitSentences } from "./sentences.ts";
import { measureSpecificity } from "./specificity.ts";
import { phraseRegex } from "./text-match.ts";

/**
 * Which items of the second-round preparation checklist an answer shows, each with the words that
 * show it. Read from the English model's entities (money, durations, dates), lemmas and negation,
 * so "I'm on one month's notice" counts and "I don't know my notice period yet" does not. Never
 * confidently wrong: an admission, a question, a negated cue or an answer in another language shows
 * nothing, and the report then says what to prepare rather than claiming it was done.
 */

const ADMISSION = phraseRegex(ADMISSION_PHRASES);
const SALARY_PHRASE = phraseRegex(SALARY_PHRASES);
const COMPARISON_PHRASE = phraseRegex(COMPARISON_PHRASES);
const FLATTERY = phraseRegex(FLATTERY_PHRASES);
const SALARY_QUESTION = /\b(?:salary|salaries|pay|package|compensation|remuneration|earn|wage)/u;

/**
 * A sum of money as people type it: "£45-50k", "45,000 to 50,000 euros", "around 60k", "$70,000".
 * The model tags some of these MONEY; "k" forms and ranges it reads as plain numbers.
 */
const MONEY_FIGURE = new RegExp(
  [
    String.raw`[£$€¥₹]\s?\d`,
    String.raw`(?<![\p{L}\p{N}])\d+(?:[.,]\d+)?\s?(?:-|–|to)?\s?\d*\s?k(?![\p{L}\p{N}])`,
    String.raw`(?<![\p{L}\p{N}])\d[\d,. ]*\s?(?:pounds|dollars|euros|grand|gbp|usd|eur|chf|sek|per annum|p\.?a\.?)(?![\p{L}])`,
  ].join("|"),
  "u",
);

/** "until 1 June": a negated start with a date after it still states when ("I can't start until…"). */
const UNTIL_LEMMAS = new Set(["until", "till", "before"]);
const START_LEMMAS = new Set(["start", "begin", "join"]);
const MODAL_LEMMAS = new Set(["can", "could", "would", "will", "shall", "may", "might"]);
const READY_WORDS = new Set(["able", "ready", "free", "happy", "available", "keen"]);
const PAST_AUX = new Set(["was", "were", "had", "did"]);
/** "start by…", "begin with…", "start off": a plan of action, not a start date. */
const PLAN_WORDS = new Set(["by", "with", "off", "out", "up", "looking", "working", "building"]);
/** "I could start the role in March" is still a start date; "start the audit" is a plan. */
const ROLE_WORDS = new Set(["role", "job", "position", "work", "contract"]);
/** Words allowed between "notice (period)" and its length: "is", "of", "about"… */
const NOTICE_LINKS = new Set([
  "period",
  "is",
  "be",
  "of",
  "will",
  "would",
  "'s",
  "about",
  "around",
  "just",
  "only",
  "currently",
  "roughly",
  ":",
]);
const IMMEDIATE = /\b(?:immediately|straight away|right away|asap|as soon as)\b/u;
const TIMING_ENTITIES = new Set(["DATE", "DURATION", "TIME"]);
const DETAIL_ENTITIES = new Set(["DATE", "MONEY", "PERCENT", "CARDINAL", "DURATION"]);
/** Long sentences are cut to the clause that shows the item; shorter ones are quoted whole. */
const WHOLE_SENTENCE_CHARS = 200;

export function findPreparationEvidence(request: AnswerRequest): PreparationEvidence[] {
  if (request.options.stage === "first" || !request.answerText.trim()) return [];
  const analysis = analyseAnswer(request);
  // Another language: the model reads English only, so nothing is claimed rather than guessed.
  if (analysis.language !== "en") return [];
  const asksPay = SALARY_QUESTION.test(analysisForm(request.question.text).toLowerCase());
  const names = companyNames(request.options.company);
  const found = new Map<AnswerPreparationItem, string>();
  const add = (item: AnswerPreparationItem, sentence: Sentence, cue: string): void => {
    if (found.has(item)) return;
    const quote = quoteAround(sentence, cue);
    // Every quote is the candidate's own words, character for character.
    if (quote !== "" && request.answerText.includes(quote)) found.set(item, quote);
  };
  for (const sentence of analysis.spoken.flatMap(splitAfterThousands)) {
    if (isQuestionOrAdmission(sentence)) continue;
    const salary = salaryCue(sentence, asksPay);
    if (salary) add("salary-range", sentence, salary);
    const notice = noticeCue(sentence);
    const start = startCue(sentence);
    if (notice) add("notice-period", sentence, notice);
    // Saying when you could start answers the notice question too ("I can start in four weeks").
    if (start) {
      add("start-date", sentence, start);
      add("notice-period", sentence, start);
    }
    const comparison = comparisonCue(sentence);
    if (comparison && aboutCompany(sentence, names) && isSpecific(sentence, names))
      add("why-this-company", sentence, comparison);
    const research = researchCue(sentence, names);
    if (research && hasDetail(sentence, names)) add("company-research", sentence, research);
  }
  return [...found].map(([item, quote]) => ({ item, quote }));
}

/**
 * The English model reads "60k." as a word, not the end of a sentence, so "I'm looking for 45-50k.
 * I'm on one month's notice." arrives as one; split it there, so each part is quoted on its own
 * and an admission in one cannot cancel the figure in the other.
 */
const AFTER_THOUSANDS = /(?<=\d\s?k\.)\s+(?=\p{Lu})/iu;
function splitAfterThousands(sentence: Sentence): Sentence[] {
  if (!AFTER_THOUSANDS.test(sentence.text)) return [sentence];
  return sentence.text.split(AFTER_THOUSANDS).flatMap((part) => splitSentences(part));
}

/** A question ("What's the salary range?") or an admission ("I'm not sure yet") states nothing. */
function isQuestionOrAdmission(sentence: Sentence): boolean {
  return sentence.plain.trimEnd().endsWith("?") || ADMISSION.test(sentence.lower);
}

/** The money figure of a sentence about pay (or any figure, when the question asked about pay). */
function salaryCue(sentence: Sentence, asksPay: boolean): string | null {
  const money = MONEY_FIGURE.exec(sentence.lower)?.[0] ?? moneyEntity(sentence);
  if (!money) return null;
  const cue = sentence.tokens.find((t) => SALARY_LEMMAS.has(t.lemma));
  if (cue?.negated) return null;
  if (cue || SALARY_PHRASE.test(sentence.lower) || asksPay) return money.trim();
  return null;
}

function moneyEntity(sentence: Sentence): string | null {
  const token = sentence.tokens.find((t) => t.entity === "MONEY" && !t.negated && /\d/u.test(t.text));
  return token?.lower ?? null;
}

/** "one month's notice", "my notice period is four weeks": the noun with its length beside it. */
function noticeCue(sentence: Sentence): string | null {
  const tokens = sentence.tokens;
  const at = tokens.findIndex((t) => t.lemma === "notice" && t.pos === "NOUN");
  const notice = tokens[at];
  if (!notice || notice.negated) return null;
  // Before it: "one month's notice", "four weeks' notice".
  for (let i = at - 1; i >= Math.max(0, at - 3); i -= 1) {
    const token = tokens[i] as Token;
    if (token.entity === "DURATION" || (token.entity === "DATE" && /week|month|day/u.test(token.lower)))
      return notice.lower;
    if (!["'s", "'", "s", "’"].includes(token.lower)) break;
  }
  // After it, through linking words only: "my notice period is four weeks", not "my notice last week".
  for (let i = at + 1; i < Math.min(tokens.length, at + 6); i += 1) {
    const token = tokens[i] as Token;
    if (token.entity === "DURATION" && !token.negated) return notice.lower;
    if (!NOTICE_LINKS.has(token.lower)) break;
  }
  return null;
}

/**
 * When the candidate could start: "I can start in four weeks", "available from 1 March", "I'm able to
 * start immediately", "I can't start until 1 June". A past start ("I started in 2020", "I was able
 * to start the project in May") is a story, not availability.
 */
function startCue(sentence: Sentence): string | null {
  const tokens = sentence.tokens;
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at] as Token;
    const isStart = START_LEMMAS.has(token.lemma) && token.pos === "VERB";
    const isAvailable = token.lemma === "available" || token.lemma === "availability";
    const isStartDate = token.lower === "start" && tokens[at + 1]?.lower === "date";
    if (!isStart && !isAvailable && !isStartDate) continue;
    if (isStart && (!forwardLooking(tokens, at) || planOfAction(tokens, at))) continue;
    if (!isStart && tokens.slice(Math.max(0, at - 4), at + 5).some((t) => PAST_AUX.has(t.lower))) continue;
    const after = tokens.slice(at + 1);
    const until = after.findIndex((t) => UNTIL_LEMMAS.has(t.lemma));
    // Negated ("can't start"), it still says when only with "until <date>" after it.
    if (token.negated && (until < 0 || !after.slice(until).some((t) => TIMING_ENTITIES.has(t.entity ?? ""))))
      continue;
    const timed = after.some((t) => t.entity !== null && TIMING_ENTITIES.has(t.entity));
    const rest = after.map((t) => t.lower).join(" ");
    if (timed || IMMEDIATE.test(rest)) return token.lower;
  }
  return null;
}

/** A modal before the verb ("can", "could", "'d"), or "able/ready to", and no past tense on the way. */
function forwardLooking(tokens: readonly Token[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - 4); i -= 1) {
    const token = tokens[i] as Token;
    if (PAST_AUX.has(token.lower)) return false;
    if (MODAL_LEMMAS.has(token.lemma) && token.pos === "AUX") return true;
    if (READY_WORDS.has(token.lemma) && tokens[i + 1]?.lower === "to") {
      const before = tokens.slice(Math.max(0, i - 2), i);
      return !before.some((t) => PAST_AUX.has(t.lower));
    }
  }
  return false;
}

/**
 * "I would start by mapping the process", "I'd begin with the backlog": what the candidate would do
 * in the job, not when they could join.
 */
function planOfAction(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at + 1];
  if (
    next &&
    (PLAN_WORDS.has(next.lower) || (next.pos === "DET" && !ROLE_WORDS.has(tokens[at + 2]?.lemma ?? "")))
  )
    return true;
  return tokens.slice(at + 1).some((t, i, rest) => t.lower === "by" && rest[i + 1]?.pos === "VERB");
}

/** The sentence speaks of the company: its name, a distinctive word of it, or "you"/"your". */
function aboutCompany(sentence: Sentence, names: readonly string[]): boolean {
  return (
    names.some((name) => mentions(sentence, name)) ||
    sentence.tokens.some((t) => ["you", "your", "you're", "yours"].includes(t.lower))
  );
}

function comparisonCue(sentence: Sentence): string | null {
  const token = sentence.tokens.find((t) => COMPARISON_LEMMAS.has(t.lemma));
  if (token) return token.negated ? null : token.lower;
  const phrase = COMPARISON_PHRASE.exec(sentence.lower);
  if (!phrase) return null;
  // A phrase's first word carries the negation flag when the phrase is negated.
  const firstWord = phrase[0].split(/\s+/u)[0] ?? "";
  const first = sentence.tokens.find((t) => t.lower === firstWord);
  return first?.negated ? null : firstWord;
}

/**
 * Research is about them: the company named, or "your" / "you" just before the cue ("your annual
 * report", "you launched"). "I grew our customer base by 20%" is the candidate's own story.
 */
function researchCue(sentence: Sentence, names: readonly string[]): string | null {
  const tokens = sentence.tokens;
  // One negated cue ("I haven't read your report") makes the whole sentence an admission.
  if (tokens.some((t) => RESEARCH_LEMMAS.has(t.lemma) && t.negated)) return null;
  const named = names.some((name) => mentions(sentence, name));
  const at = tokens.findIndex(
    (t, i) =>
      RESEARCH_LEMMAS.has(t.lemma) &&
      (named ||
        tokens.slice(Math.max(0, i - 3), i).some((before) => before.lower === "your") ||
        (t.pos === "VERB" && tokens.slice(Math.max(0, i - 2), i).some((before) => before.lower === "you"))),
  );
  return tokens[at]?.lower ?? null;
}

/**
 * A comparison that says something: another organisation named, or a concrete detail (a product,
 * a number, a date). "Compared with others, you have a great culture" is praise, not a reason.
 */
function isSpecific(sentence: Sentence, names: readonly string[]): boolean {
  const detail = measureSpecificity([sentence]);
  if (detail.numbers + detail.concrete + detail.dates > 0) return true;
  return detail.names > ownNameCount(sentence, names) && !FLATTERY.test(sentence.lower);
}

/** Research names something: a figure, a date, or a name other than the company's own. */
function hasDetail(sentence: Sentence, names: readonly string[]): boolean {
  if (sentence.tokens.some((t) => t.entity !== null && DETAIL_ENTITIES.has(t.entity) && !t.negated))
    return true;
  return measureSpecificity([sentence]).names > ownNameCount(sentence, names);
}

/** How many of a sentence's names are the company's own ("Starling Bank" is two capitalised words). */
function ownNameCount(sentence: Sentence, names: readonly string[]): number {
  const [full = ""] = names;
  return names.some((name) => mentions(sentence, name)) ? full.split(" ").length : 0;
}

/** The sentence when short; otherwise the clause with the cue in it, else the sentence cut at 300 characters. */
function quoteAround(sentence: Sentence, cue: string): string {
  if (sentence.text.length <= WHOLE_SENTENCE_CHARS) return sentence.text.trim();
  const clause = clauseQuote(sentence, { maxWords: 30, where: (lower) => lower.includes(cue) });
  return analysisForm(clause).toLowerCase().includes(cue) ? clause : quoteOf(sentence);
}
