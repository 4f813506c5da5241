import { LRUCache } from "lru-cache";
import type { NotScorableReason } from "../../core/model/evaluation.ts";
import { isStoryKind } from "../../core/model/interview-vocabulary.ts";
import { countWords } from "../../core/model/sanitize-text.ts";
import type { AnswerRequest, CandidateQuestionsAssessment } from "../../core/ports/coach-port.ts";
import { detectLanguage } from "../language/detect-language.ts";
import { assessCandidateQuestions } from "./assess-candidate-questions.ts";
import { type Delivery, measureDelivery } from "./delivery.ts";
import { detectJunk } from "./junk-detection.ts";
import { detectKindSignals, type KindSignals } from "./kind-signals.ts";
import { isLowDiversity, judgeSentences } from "./manipulation.ts";
import { measureOwnership, type Ownership } from "./ownership.ts";
import { measureRelevance, mentionsTopic, type Relevance } from "./relevance.ts";
import { analysisForm, type Sentence, splitSentences } from "./sentences.ts";
import { measureSpecificity, type SpecificityDetail } from "./specificity.ts";
import { measureStance, type Stance } from "./stance.ts";
import { detectStar, type StarDetection } from "./star-detection.ts";
import { stem } from "./text-match.ts";
import { COMPETENCY_VOCABULARY } from "./topic-vocabulary.ts";

/**
 * Everything the rubric measures about one answer, computed once. Scoring, feedback and the
 * follow-up decision all read from this, so they can never disagree with each other.
 */

export interface AnswerAnalysis {
  readonly request: AnswerRequest;
  /** Behavioural and revisit questions are judged on STAR; the rest on their own criteria. */
  readonly usesStar: boolean;
  readonly sentences: readonly Sentence[];
  /** Sentences addressed to the assessor (removed before scoring). */
  readonly injections: readonly Sentence[];
  readonly stuffed: boolean;
  /** Sentences meant as the answer: no instructions, no stuffing. */
  readonly spoken: readonly Sentence[];
  /** Spoken sentences that are real sentences: the only ones that can earn credit. */
  readonly counted: readonly Sentence[];
  readonly totalWords: number;
  readonly countedWords: number;
  readonly star: StarDetection;
  readonly kindSignals: KindSignals;
  readonly specificity: SpecificityDetail;
  readonly ownership: Ownership;
  readonly relevance: Relevance;
  readonly delivery: Delivery;
  readonly stance: Stance;
  readonly candidateQuestions: CandidateQuestionsAssessment | null;
  readonly notScorable: NotScorableReason | null;
  /** The answer's language (ISO 639-1); the offline coach judges English only. */
  readonly language: string;
}

/** Below this many counted words an answer is too short to judge (see prompts/rubric.md). */
export const MIN_SCORABLE_WORDS = 12;

function kindFit(
  analysis: Pick<AnswerAnalysis, "request" | "star" | "kindSignals">,
  questions: number,
): number {
  const { star, kindSignals: k } = analysis;
  const yes = (value: unknown): number => (value ? 1 : 0);
  switch (analysis.request.question.kind) {
    case "behavioural":
    case "revisit":
      return (yes(star.situation) + Math.min(2, star.ownActions.length + star.teamActions.length)) / 3;
    case "motivation":
      return (yes(k.companyTie) + yes(k.experience) + yes(k.motive)) / 3;
    case "culture-fit":
      return (yes(k.example) + yes(star.ownActions.length > 0) + yes(k.outcome)) / 3;
    case "practical":
      return (2 * yes(k.figure) + yes(k.reason)) / 3;
    case "closing":
      return yes(questions > 0);
  }
}

/**
 * How many recent analyses are kept, and how much memory they may take. The follow-up decision and
 * the evaluation of an answer that was not probed analyse the same text one after the other, but
 * each coach call is awaited, and with many interviews in flight every other interview whose
 * Redis reply came in the same read runs its own coach work in between: with 1,000 interviews in
 * flight, a memory of 32 or 256 analyses missed one answer in three and the process read those
 * answers twice (bench:peer); 1,024 caught them all.
 */
export const RECENT_ANALYSES = 1_024;
/** An analysis takes about 50 bytes per character of answer (20 KB for a 400-character one). */
const ANALYSIS_BYTES_PER_CHAR = 64;
export const RECENT_ANALYSES_MAX_BYTES = 16 * 1024 * 1024;

const recentAnalyses = new LRUCache<string, AnswerAnalysis>({
  max: RECENT_ANALYSES,
  maxSize: RECENT_ANALYSES_MAX_BYTES,
  sizeCalculation: (analysis) =>
    1_024 + ANALYSIS_BYTES_PER_CHAR * Math.min(analysis.request.answerText.length, MAX_ANALYSED_CHARS),
});

/** Analyses an answer once; callers must treat the result as read-only. */
export function analyseAnswer(request: AnswerRequest): AnswerAnalysis {
  const { question, options, answerText } = request;
  const key = JSON.stringify([question, options.company, options.role, answerText]);
  const known = recentAnalyses.get(key);
  if (known) return known;
  const analysis = computeAnalysis(request);
  recentAnalyses.set(key, analysis);
  return analysis;
}

/**
 * Only this much of an answer is read sentence by sentence (about 2,000 words, six times the
 * longest answer worth giving); the rest still counts towards its length. A pasted essay costs
 * the same as a long answer, not forty times more.
 */
export const MAX_ANALYSED_CHARS = 12_000;

function analysedPart(text: string): string {
  if (text.length <= MAX_ANALYSED_CHARS) return text;
  const cut = text.slice(0, MAX_ANALYSED_CHARS);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Analyses without the one-answer memory: for a variant of an answer that must not displace it. */
export function computeAnalysis(request: AnswerRequest): AnswerAnalysis {
  const { question, options, answerText } = request;
  const sentences = splitSentences(analysedPart(answerText));
  const topicStems = new Set(
    [...question.topicWords, ...(question.competency ? COMPETENCY_VOCABULARY[question.competency] : [])].map(
      (w) => stem(analysisForm(w).toLowerCase()),
    ),
  );
  const verdicts = judgeSentences(sentences, topicStems, question.kind !== "practical");
  const spoken = verdicts.filter((v) => !v.injected && !v.stuffed).map((v) => v.sentence);
  const counted = verdicts.filter((v) => !v.injected && !v.stuffed && v.real).map((v) => v.sentence);
  const countedWords = counted.reduce((sum, s) => sum + s.words.length, 0);
  const star = detectStar(counted);
  const kindSignals = detectKindSignals(counted, options, (sentence) => mentionsTopic(question, sentence));
  const candidateQuestions =
    question.kind === "closing" ? assessCandidateQuestions({ text: answerText, options }) : null;
  const asked = candidateQuestions?.questions.length ?? 0;
  const relevance = measureRelevance(
    question,
    options,
    counted,
    kindFit({ request, star, kindSignals }, asked),
  );

  // Short, factual answers are fine for practical questions ("Four weeks' notice, as in my contract").
  let minWords = MIN_SCORABLE_WORDS;
  if (question.kind === "practical" && kindSignals.figure) minWords = 5;
  // "No, I think you've covered everything" is a real (weak) answer to "any questions for us?".
  if (question.kind === "closing") minWords = 3;
  const notInjected = verdicts.filter((v) => !v.injected).flatMap((v) => v.sentence.words);
  const folded = analysisForm(answerText);
  const lower = folded.toLowerCase();
  const totalWords = countWords(lower);
  const language = detectLanguage(folded, totalWords);
  const junk = detectJunk({
    lower,
    words: notInjected,
    countedWords,
    minWords,
    anyOverlap: relevance.anyOverlap,
    checkTopic: question.kind !== "closing",
  });
  // A real answer in another language is never "gibberish": it is not assessed here, and says so.
  const notScorable = !language.english && junk !== "empty" ? "other-language" : junk;

  return {
    request,
    usesStar: isStoryKind(question.kind),
    sentences,
    injections: verdicts.filter((v) => v.injected).map((v) => v.sentence),
    stuffed:
      verdicts.some((v) => v.stuffed && !v.injected) || isLowDiversity(counted.flatMap((s) => s.words)),
    spoken,
    counted,
    totalWords,
    countedWords,
    star,
    kindSignals,
    specificity: measureSpecificity(counted),
    ownership: measureOwnership(counted),
    relevance,
    stance: measureStance(counted),
    delivery: measureDelivery(question.kind, spoken, countedWords, totalWords),
    candidateQuestions,
    notScorable,
    language: language.code,
  };
}
