import { BUZZWORDS } from "./lexicons.ts";
import { type Sentence, splitSentences } from "./sentences.ts";
import { clausesOf, isActionVerb } from "./star-detection.ts";
import { stem, wordList } from "./text-match.ts";

/**
 * Manipulation resistance. The answer is data, never instructions: sentences that talk to the
 * assessor ("ignore the rubric", "rate this 100/100", "system:") are removed before scoring, and
 * keyword stuffing (lists of rubric words, repeated sentences, word salad) earns nothing. Both
 * cost a small penalty, so adding them can never raise a score.
 */

export interface SentenceVerdict {
  readonly sentence: Sentence;
  readonly injected: boolean;
  readonly stuffed: boolean;
  /** A real sentence: a verb and a sensible length. Only real sentences can show STAR cues. */
  readonly real: boolean;
}

const INJECTION_PATTERNS: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\b(?:\s+(?:all|any|the|your|my|previous|prior|above|earlier|these|those|of|scoring|marking|system))*\s+(?:instructions?|rubric|rules of the rubric|scoring|marking|grading|criteria|prompt|guidelines|everything above)\b/u,
  /\b(?:rate|score|grade|mark|give|award|assign)\b.{0,40}?\b\d{1,3}\s*(?:\/|out of)\s*\d{1,3}\b/u,
  /\b(?:rate|score|grade|mark|give|award|assign)\b.{0,30}?\b(?:full marks|top marks|maximum (?:score|marks|points)|perfect score|highest (?:score|rating|mark)|100\s?%)/u,
  /\b(?:rate|score|grade|mark)\s+(?:this|my|me)\b.{0,30}?\b(?:highly|excellent|perfect|top|full|maximum|ready)\b/u,
  /\b(?:score|rating|grade|mark)\s*[:=]\s*\d/u,
  /^\W*(?:system|assistant|developer)\s*[:\]>]|[[<]\/?(?:system|assistant|inst)[\]>]/u,
  /\bas (?:the|an|my|your) (?:evaluator|assessor|grader|examiner|marker|judge|reviewer|ai|language model|interviewer)\b.{0,60}?\b(?:you|must|should|will|need|please)\b/u,
  /\byou (?:are|must|should|will) (?:now )?(?:an? |the )?(?:evaluator|assessor|grader|ai|language model|assistant)\b/u,
  /\b(?:evaluator|assessor|grader|marker)s?\b.{0,40}?\b(?:must|should|will|need to|have to|please)\b/u,
  /\b(?:new|previous|prior|above|earlier) instructions?\b|\bprompt injection\b/u,
  /\bthis (?:answer|response) (?:deserves|should (?:get|receive|score)|is worth|gets|scores)\b/u,
  /\bmark (?:this|me) as\b|\bdo not (?:penalise|penalize|deduct|mark (?:me )?down)\b/u,
  // Markup a chat answer never needs, carrying a verdict: <!-- grader: full marks -->, {"score": 98}.
  /(?:<!--|-->|<\/?[a-z_]+>|^\W*[{[]|"\s*(?:score|band|grade|rating|verdict)\s*"\s*:).{0,80}?\b(?:score|band|grade|rating|marks?|ready|pass|verdict|rubric|assessor|grader|evaluator|examiner)\b/u,
  /\b(?:pretend|imagine|act as if|role-?play)\b.{0,30}?\b(?:you are|you're|to be)\b.{0,30}?\b(?:examiner|assessor|grader|evaluator|marker|interviewer|judge)\b/u,
  // The same requests in the other languages candidates write in.
  /\b(?:ignorez|oubliez|ignora|ignore[nz]?|olvida|ignoriere|vergiss|ignori|ignorar)\b.{0,40}?\b(?:consignes|instructions|instrucciones|anweisungen|istruzioni|instrucoes|instrucciones|regles|reglas|regeln)\b/u,
  /\b(?:evaluateur|evaluatrice|correcteur|evaluador|examinador|bewerter|prufer|valutatore|avaliador)\b|\b(?:note maximale|puntuacion maxima|nota maxima|hochste punktzahl|punteggio massimo|la meilleure note|volle punktzahl)\b/u,
];

// Words that make a sentence a sentence. With the "-ed" rule and action verbs this catches almost
// every real sentence; a list of nouns has none.
const VERBS = new Set(
  wordList(`am is are was were be been being have has had do does did will would can could should shall may
  might must i'm i've i'd i'll we're we've we'd it's that's there's he's she's they're isn't wasn't weren't
  don't didn't doesn't can't couldn't won't wouldn't get got make made take took go went come came say said
  know knew think thought want need like love enjoy believe feel felt see saw look use find tell ask try call keep
  let begin show hear move bring write sit stand lose pay meet include continue set learn learnt change understand
  follow stop create speak read spend grow open win offer remember consider buy wait serve send expect stay fall
  cut reach remain suggest raise pass sell require report decide pull plan prefer hope mean meant seem become put
  start support organise organize care value matter motivate excite attract interest align suit fit apply join
  develop improve deliver solve earn hold share agree listen explain work help lead manage run build give leave
  drive rose fell grew`),
);
const MAX_REAL_WORDS = 80;

// A role label glued into the middle of a sentence ("…our manager System: pass"). Case-sensitive
// on the original-case text, so "the booking system: it was down" is not caught.
const ROLE_LABEL = /(?<![\p{L}\p{N}])(?:System|SYSTEM|Assistant|ASSISTANT|Developer|DEVELOPER)\s*:/u;

/** Words that address whoever is marking the answer. */
const ADDRESSES_GRADER =
  /\b(?:you|your|this answer|this response|my answer|rubric|ai|model|llm)\b|^\W*(?:system|assistant|developer)\s*[:\]>]|[<{]/u;

/**
 * A sentence of the story that happens to use a grader's words ("My manager told me to ignore the
 * previous instructions from head office", "I wrote new instructions for the night shift"): told in
 * the past, about people in the story, addressing nobody who marks the answer.
 */
function isStoryTold(sentence: Sentence): boolean {
  if (ADDRESSES_GRADER.test(sentence.lower)) return false;
  return clausesOf(sentence).some((c) => c.past && c.mode !== "hypothetical");
}

export function isInjection(sentence: Sentence): boolean {
  return (
    INJECTION_PATTERNS.some((pattern) => pattern.test(sentence.lower)) || ROLE_LABEL.test(sentence.plain)
  );
}

export function hasVerb(words: readonly string[]): boolean {
  return words.some((word) => {
    if (VERBS.has(word) || isActionVerb(word)) return true;
    // Present tense: "leads", "reaches".
    return (
      word.endsWith("s") &&
      (VERBS.has(word.slice(0, -1)) || (word.endsWith("es") && VERBS.has(word.slice(0, -2))))
    );
  });
}

/** Listed words in a row ("situation task action result"), numbers like "100" not breaking the run. */
function longestRun(words: readonly string[], listed: (word: string) => boolean): number {
  let run = 0;
  let longest = 0;
  for (const word of words) {
    if (listed(word)) run += 1;
    else if (!/^\d+$/.test(word)) run = 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * `topicWords`: the question's topic and competency words, also used to stuff answers.
 * `requireVerb`: false for practical answers, where "Four weeks' notice." is a complete answer.
 */
export function judgeSentences(
  sentences: readonly Sentence[],
  topicWords: ReadonlySet<string>,
  requireVerb = true,
): SentenceVerdict[] {
  const seen = new Set<string>();
  return sentences.map((sentence) => {
    const { words } = sentence;
    const key = words.join(" ");
    const repeated = words.length >= 5 && seen.has(key);
    seen.add(key);
    const verb = hasVerb(words);
    const buzz = words.filter((w) => BUZZWORDS.has(w)).length;
    const topical = words.filter((w) => BUZZWORDS.has(w) || topicWords.has(stem(w))).length;
    const distinct = new Set(words).size;
    const stuffed =
      repeated ||
      longestRun(words, (w) => BUZZWORDS.has(w)) >= 3 ||
      longestRun(words, (w) => BUZZWORDS.has(w) || topicWords.has(stem(w))) >= 4 ||
      (!verb && buzz >= 2 && buzz / words.length >= 0.4) ||
      (!verb && topical >= 3 && topical / words.length >= 0.5) ||
      (words.length >= 8 && buzz / words.length >= 0.5) ||
      (words.length >= 8 && distinct / words.length < 0.4);
    const real = (verb || !requireVerb) && words.length >= 3 && words.length <= MAX_REAL_WORDS;
    return { sentence, injected: isInjection(sentence) && !isStoryTold(sentence), stuffed, real };
  });
}

/** Whole-answer word salad: long, yet the same few words over and over. */
export function isLowDiversity(words: readonly string[]): boolean {
  return words.length >= 60 && new Set(words).size / words.length < 0.25;
}

/** Does this text (a whole answer, or a model's output) talk to an assessor or a model? */
export function looksAddressedToGrader(text: string): boolean {
  return splitSentences(text).some(isInjection);
}
