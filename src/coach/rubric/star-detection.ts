import {
  type Clause,
  isGoalClause,
  isOthersAction,
  isOwnAction,
  isTeamAction,
  readClauses,
} from "./clauses.ts";
import { hasQuantity } from "./quantification.ts";
import type { Sentence } from "./sentences.ts";
import {
  ACTION_LABEL,
  ACTION_VERBS,
  GOT_OUTCOMES,
  NON_ACTION_ED,
  OUTCOME_LEMMAS,
  RECOGNITION_LEMMAS,
  REFLECTION_CUES,
  RESULT_CONNECTIVES,
  RESULT_LABEL,
  SITUATION_LABEL,
  SITUATION_OPENERS,
  TASK_CUES,
  TASK_LABEL,
} from "./story-cues.ts";
import { phraseRegex } from "./text-match.ts";

/**
 * STAR from sentence roles. Each sentence's clauses (who did what, see clauses.ts) give it a role:
 * the opening context is the situation, a goal or responsibility is the task, what the candidate
 * did is the action, and what changed afterwards, however it is worded, is the result. Only
 * "counted" sentences are passed in (real sentences, no stuffing, no instructions), and each
 * component is a yes/no with one piece of evidence, so repeating a cue never earns it twice.
 */

export interface StarDetection {
  readonly situation: Sentence | null;
  readonly task: Sentence | null;
  /** The first sentence in which the candidate ("I") acts. */
  readonly action: Sentence | null;
  readonly result: Sentence | null;
  /** Sentences where the candidate ("I") does something. */
  readonly ownActions: readonly Sentence[];
  /** Sentences where "we" does something and the candidate doesn't. */
  readonly teamActions: readonly Sentence[];
  /** Sentences where only someone else (a named colleague, "my manager") acts. */
  readonly othersActions: readonly Sentence[];
  /** A result sentence whose number measures the outcome, if any. */
  readonly quantifiedResult: Sentence | null;
  /** What the candidate learned or would do differently. */
  readonly reflection: Sentence | null;
}

const CONNECTIVE = phraseRegex(RESULT_CONNECTIVES);
const REFLECTION = phraseRegex(REFLECTION_CUES);
const TASK = phraseRegex(TASK_CUES);
const COMPARATIVE = /(?<![\p{L}])(?:\p{L}+er|more|less|fewer) (?:\p{L}+ ){0,3}?than(?![\p{L}])/u;
const BEFORE_AFTER =
  /(?<![\p{L}])(?:(?:went|gone|fell|dropped|rose|grew|increased|reduced|cut|brought|came|down|up|improved|moved|shrank|climbed)(?: \p{L}+){0,3}? from [^ ]+(?: \p{L}+){0,2} (?:to|down to|up to) [^ ]+|now (?:takes|costs|runs|is|are|has|have|gets|get|only|just|happens|needs|uses|goes))(?![\p{L}])/u;

const TARGET_VERBS = new Set(["meet", "hit", "beat", "reach", "pass", "exceed", "miss"]);
const TARGET =
  /\b(?:deadlines?|targets?|goals?|budgets?|kpis?|slas?|standards?|quotas?|expectations?|exams?|audits?|inspections?|probation|milestones?|assessments?)\b/u;

const clauseCache = new WeakMap<Sentence, Clause[]>();
export function clausesOf(sentence: Sentence): Clause[] {
  let clauses = clauseCache.get(sentence);
  if (!clauses) {
    clauses = readClauses(sentence);
    clauseCache.set(sentence, clauses);
  }
  return clauses;
}

export function isActionVerb(word: string): boolean {
  if (ACTION_VERBS.has(word)) return true;
  return word.length >= 5 && word.endsWith("ed") && !NON_ACTION_ED.has(word);
}

export function hasOwnAction(sentence: Sentence): boolean {
  return clausesOf(sentence).some(isOwnAction) || ACTION_LABEL.test(sentence.lower);
}

export function hasTeamAction(sentence: Sentence): boolean {
  return clausesOf(sentence).some(isTeamAction);
}

function hasOthersAction(sentence: Sentence): boolean {
  return clausesOf(sentence).some(isOthersAction);
}

/** Opening context: a time, a place or organisation, a role, told in the past. */
export function isSituation(sentence: Sentence): boolean {
  if (SITUATION_LABEL.test(sentence.lower)) return true;
  const clauses = clausesOf(sentence);
  // "I've never had a conflict", "I would talk to them": no scene was set.
  if (clauses.length > 0 && clauses.every((c) => c.mode === "hypothetical" || c.negated)) return false;
  const tokens = sentence.tokens;
  const dated = tokens.some((t) => t.entity === "DATE" || t.entity === "TIME");
  const opener = tokens.some(
    (t, i) =>
      SITUATION_OPENERS.has(t.lower) &&
      (t.pos === "ADP" || t.pos === "SCONJ" || t.pos === "ADJ" || t.pos === "ADV") &&
      tokens
        .slice(i + 1, i + 4)
        .some((n) => n.pos === "PRON" || n.pos === "PROPN" || n.pos === "NOUN" || n.pos === "NUM"),
  );
  const told = clauses.some((c) => c.past && !c.negated && c.mode !== "hypothetical");
  return (dated || opener || tokens.some((t) => t.pos === "PROPN")) && (told || dated);
}

/** Verbs of asking for something: "my manager wanted a reconciliation by Wednesday". */
const DEMANDS = new Set(["want", "need", "ask", "request", "expect", "require", "demand"]);

export function isTask(sentence: Sentence): boolean {
  if (TASK_LABEL.test(sentence.lower) || TASK.test(sentence.lower)) return true;
  const tokens = sentence.tokens;
  return clausesOf(sentence).some(
    (c) =>
      (isGoalClause(c) && (c.agent === "i" || c.agent === "we" || c.mode === "passive")) ||
      // What someone else asked for is the candidate's brief.
      ((c.agent === "other" || c.agent === "thing") && c.past && DEMANDS.has(c.verb.lemma)) ||
      // "I was coordinating social content for a client": the candidate's ongoing responsibility.
      (c.agent === "i" &&
        c.verb.lower.endsWith("ing") &&
        tokens.some((t) => t.pos === "AUX" && (t.lower === "was" || t.lower === "were"))),
  );
}

export function isReflection(sentence: Sentence): boolean {
  return REFLECTION.test(sentence.lower);
}

/** Something changed or was achieved, whoever's doing it was. */
export function isResult(sentence: Sentence): boolean {
  if (RESULT_LABEL.test(sentence.lower) || CONNECTIVE.test(sentence.lower)) return true;
  // A percentage or a sum of money told after the actions is what they came to ("ran to 150% of
  // its required life").
  if (sentence.tokens.some((t) => t.entity === "PERCENT" || t.entity === "MONEY")) return true;
  if (COMPARATIVE.test(sentence.lower) || BEFORE_AFTER.test(sentence.lower)) return true;
  return clausesOf(sentence).some((c) => {
    if (c.mode === "hypothetical" || c.mode === "goal" || c.background || isGoalClause(c)) return false;
    if (c.mode === "passive") return RECOGNITION_LEMMAS.has(c.verb.lemma) || OUTCOME_LEMMAS.has(c.verb.lemma);
    // "we scored 92%" is an outcome; "we scored each request" is not.
    if ((c.verb.lemma === "score" || c.verb.lemma === "rate") && c.past)
      return sentence.tokens.some((t) => t.entity === "PERCENT" || (t.pos === "NUM" && /\d/.test(t.text)));
    if (c.verb.lemma === "get" && c.past)
      return sentence.tokens.some((t) => t.pos === "NUM" || GOT_OUTCOMES.has(t.lemma));
    // "met the deadline" is an outcome, "met each of them" is not.
    if (TARGET_VERBS.has(c.verb.lemma)) return c.past && TARGET.test(sentence.lower);
    return c.past && OUTCOME_LEMMAS.has(c.verb.lemma) && c.verb.lemma !== "make" && c.verb.lemma !== "go"
      ? true
      : c.past &&
          (c.verb.lemma === "go" || c.verb.lemma === "come") &&
          /\b(?:up|down|from|well|smoothly|live)\b/u.test(sentence.lower);
  });
}

/** A number that measures the outcome: not "at one point", not a year, not a team size alone. */
export function measuresOutcome(sentence: Sentence): boolean {
  return hasQuantity(sentence);
}

export function detectStar(sentences: readonly Sentence[]): StarDetection {
  const ownActions = sentences.filter(hasOwnAction);
  const teamActions = sentences.filter((s) => !hasOwnAction(s) && hasTeamAction(s));
  const othersActions = sentences.filter((s) => !hasOwnAction(s) && !hasTeamAction(s) && hasOthersAction(s));
  const firstAction = [...ownActions, ...teamActions].reduce((min, s) => Math.min(min, s.index), Infinity);
  // The result is what happened after the candidate acted; a number in the set-up is context.
  const storyStart = Number.isFinite(firstAction) ? firstAction : (sentences[1]?.index ?? Infinity);
  // A result comes after the first action; the action's own sentence counts only when it says
  // what came of it in the same breath ("…, which cut the wait to two days").
  const results = sentences.filter(
    (s) =>
      isResult(s) &&
      (s.index > storyStart ||
        (s.index === storyStart &&
          (CONNECTIVE.test(s.lower) || BEFORE_AFTER.test(s.lower) || hasQuantity(s)))),
  );
  const quantified = results.filter(measuresOutcome);
  const result = quantified[0] ?? results.find((s) => !isReflection(s)) ?? null;
  // The scene is set at the start: up to the first action, and in any case the first two sentences
  // (an opening aside such as "Honestly, it was a hard week" does not push the scene out).
  const opening = sentences.filter(
    (s) => s.index <= Math.max(firstAction === Infinity ? 1 : firstAction + 1, 1),
  );
  return {
    situation: opening.find(isSituation) ?? sentences.find((s) => SITUATION_LABEL.test(s.lower)) ?? null,
    task: sentences.find(isTask) ?? null,
    // The action component is what the candidate did personally; "we did" earns partial credit only.
    action: ownActions[0] ?? null,
    result,
    ownActions,
    teamActions,
    othersActions,
    quantifiedResult: quantified[0] ?? null,
    reflection: sentences.find((s) => s.index >= storyStart && isReflection(s)) ?? null,
  };
}
