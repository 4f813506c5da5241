import type { InterviewOptions } from "../../core/model/interview-options.ts";
import type { Question } from "../../core/model/question.ts";
import { THEME_NAMES, type Theme, themeHits } from "./competency-themes.ts";
import { analysisForm, type Sentence, splitSentences, wordsOf } from "./sentences.ts";
import { clamp01, round2, stem } from "./text-match.ts";
import {
  COMPETENCY_VOCABULARY,
  KIND_VOCABULARY,
  QUESTION_STOPWORDS,
  WORKPLACE_WORDS,
} from "./topic-vocabulary.ts";

/**
 * Relevance (0-1): does the answer address the question asked? Overlap with the question's topic
 * words and its own wording (50%), with the competency's vocabulary (25%), and how well the answer
 * has the shape this kind of question needs, e.g. a story for "tell me about a time" (25%).
 * An answer with no overlap at all (a recipe for a conflict question) is off-topic.
 */

export interface Relevance {
  readonly score: number;
  readonly topicHits: number;
  readonly questionHits: number;
  readonly vocabularyHits: number;
  /** True when the answer shares at least one topic, question, vocabulary or workplace word. */
  readonly anyOverlap: boolean;
  /** A story about something else: the question's themes barely appear, another theme dominates. */
  readonly offQuestion: boolean;
}

interface AnswerWords {
  readonly stems: ReadonlySet<string>;
  /** Every 4-10 letter prefix of every word: question banks list stems such as "resolv", "behav". */
  readonly prefixes: ReadonlySet<string>;
  readonly joined: string;
}

function matches(word: string, answer: AnswerWords): boolean {
  if (word.includes(" ")) return ` ${answer.joined} `.includes(` ${word} `);
  return answer.stems.has(stem(word)) || (word.length >= 4 && answer.prefixes.has(word));
}

function hitsIn(candidates: Iterable<string>, answer: AnswerWords): number {
  let hits = 0;
  const seen = new Set<string>();
  for (const raw of candidates) {
    const word = analysisForm(raw).toLowerCase();
    if (word.length === 0) continue;
    const key = word.includes(" ") ? word : stem(word);
    if (seen.has(key)) continue;
    seen.add(key);
    if (matches(word, answer)) hits += 1;
  }
  return hits;
}

function vocabularyFor(question: Question, options: InterviewOptions): string[] {
  const base = question.competency
    ? COMPETENCY_VOCABULARY[question.competency]
    : KIND_VOCABULARY[question.kind];
  // "Why us?" answers are on topic when they talk about us: the company and the role.
  if (question.kind === "motivation" || question.kind === "culture-fit") {
    return [...base, options.company, options.role, ...wordsOf(analysisForm(options.role).toLowerCase())];
  }
  return [...base];
}

function answerWordsOf(sentences: readonly Sentence[]): AnswerWords {
  const words = sentences.flatMap((sentence) => sentence.words);
  const prefixes = new Set<string>();
  for (const word of new Set(words)) {
    for (let length = 4; length <= Math.min(10, word.length); length += 1)
      prefixes.add(word.slice(0, length));
  }
  return {
    stems: new Set(words.map(stem)),
    prefixes,
    joined: sentences.map((sentence) => sentence.words.join(" ")).join(" "),
  };
}

/** The question's own content words ("disagreement", "colleagues"), without "tell me about a time". */
function questionWordsOf(question: Question): string[] {
  return wordsOf(analysisForm(question.text).toLowerCase()).filter(
    (word) => word.length >= 3 && !QUESTION_STOPWORDS.has(word),
  );
}

/** Does this one sentence use the question's topic words or its wording? */
export function mentionsTopic(question: Question, sentence: Sentence): boolean {
  return hitsIn([...question.topicWords, ...questionWordsOf(question)], answerWordsOf([sentence])) > 0;
}

const questionThemeCache = new Map<string, Set<Theme>>();

/**
 * The theme a question asks about first: its competency's when it has one, otherwise the themes
 * its own words name most often ("help someone develop a new skill" is about developing others).
 */
function questionThemes(question: Question): Set<Theme> {
  const key = `${question.competency ?? ""}|${question.text}`;
  const cached = questionThemeCache.get(key);
  if (cached) return cached;
  const hits = themeHits(splitSentences(question.text).flatMap((s) => s.tokens.map((t) => t.lemma)));
  const top = Math.max(...THEME_NAMES.map((t) => hits[t]));
  const themes = new Set<Theme>(
    question.competency ? [question.competency] : top > 0 ? THEME_NAMES.filter((t) => hits[t] === top) : [],
  );
  if (question.competency) for (const t of THEME_NAMES) if (hits[t] === top && top > 0) themes.add(t);
  if (questionThemeCache.size > 500) questionThemeCache.clear();
  questionThemeCache.set(key, themes);
  return themes;
}

/** How much of the story is about what the question asks, by theme rather than shared words. */
function themeFit(
  question: Question,
  sentences: readonly Sentence[],
): { onTopic: number; off: boolean } | null {
  if (question.kind !== "behavioural" && question.kind !== "revisit") return null;
  const asked = questionThemes(question);
  if (asked.size === 0) return null;
  const hits = themeHits(sentences.flatMap((s) => s.tokens.flatMap((t) => [t.lemma, t.lower])));
  let support = 0;
  let other = 0;
  for (const theme of THEME_NAMES) {
    if (asked.has(theme)) support = Math.max(support, hits[theme]);
    else other = Math.max(other, hits[theme]);
  }
  const off = support === 0 && other >= 2;
  return { onTopic: off ? 0 : clamp01(support / 3), off };
}

/** `kindFit` (0-1): how well the answer has the shape this kind of question needs. */
export function measureRelevance(
  question: Question,
  options: InterviewOptions,
  sentences: readonly Sentence[],
  kindFit: number,
): Relevance {
  const answer = answerWordsOf(sentences);
  const questionWords = questionWordsOf(question);
  const topicHits = hitsIn(question.topicWords, answer);
  const questionHits = hitsIn(questionWords, answer);
  const vocabularyHits = hitsIn(vocabularyFor(question, options), answer);
  const workplaceHits = sentences.some((s) =>
    s.words.some((w) => WORKPLACE_WORDS.has(w) || WORKPLACE_WORDS.has(stem(w))),
  )
    ? 1
    : 0;

  const distinctQuestionWords = new Set(questionWords.map(stem)).size;
  const parts: number[] = [];
  if (question.topicWords.length > 0) parts.push(topicHits / Math.min(4, question.topicWords.length));
  if (distinctQuestionWords > 0) parts.push(questionHits / Math.min(2, distinctQuestionWords));
  const vocabulary = clamp01(vocabularyHits / 3);
  const themes = themeFit(question, sentences);
  const wordsOnTopic = parts.length > 0 ? clamp01(Math.max(...parts)) : vocabulary;
  // Off the question only when neither its themes nor its own words appear. Shared words still
  // count for revisit questions about a named project, but never rescue such a story.
  const offQuestion = themes?.off === true && wordsOnTopic < 0.5;
  const onTopic =
    themes === null ? wordsOnTopic : offQuestion ? 0 : Math.max(themes.onTopic, 0.8 * wordsOnTopic);
  // A practical answer is on topic when it answers plainly (a figure, a date, a yes or no), whatever
  // words it uses; the question's own words ("notice period") are rarely repeated.
  // Likewise "why us?" answers that tie themselves to the employer and the candidate's reasons.
  const practical = question.kind === "practical" || question.kind === "motivation" ? clamp01(kindFit) : 0;
  return {
    score: round2(Math.max(practical, clamp01(0.5 * onTopic + 0.25 * vocabulary + 0.25 * clamp01(kindFit)))),
    topicHits,
    questionHits,
    vocabularyHits,
    anyOverlap: topicHits + questionHits + vocabularyHits + workplaceHits > 0,
    offQuestion,
  };
}
