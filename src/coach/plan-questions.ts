import type { InterviewOptions } from "../core/model/interview-options.ts";
import {
  CORE_COMPETENCIES,
  type Competency,
  type Persona,
  type QuestionKind,
  type Stage,
} from "../core/model/interview-vocabulary.ts";
import type { Question } from "../core/model/question.ts";
import type { PlanQuestionsRequest } from "../core/ports/coach-port.ts";
import type { BankEntry, QuestionBank } from "./question-bank.ts";

type SlotKind = Exclude<QuestionKind, "closing">;
/** Where a non-behavioural question sits: opening, among the behavioural ones, or near/at the end. */
type Placement = "start" | "early" | "late" | "end";
/** Smallest question count at which a rule applies, per persona: [hiring-manager, department-head, director-hr]. */
type Thresholds = readonly [number, number, number];

type SlotRule = { readonly kind: SlotKind; readonly at: Placement; readonly from: Thresholds };

const NEVER = Number.POSITIVE_INFINITY;
const PERSONA_INDEX: Record<Persona, 0 | 1 | 2> = {
  "hiring-manager": 0,
  "department-head": 1,
  "director-hr": 2,
};

/**
 * The non-behavioural questions each round adds, in priority order; every other slot is behavioural.
 * Lower thresholds mean the question turns up in shorter interviews: HR directors ask more about
 * motivation and culture, heads of department stick to behavioural evidence.
 */
const STAGE_RULES: Record<Stage, readonly SlotRule[]> = {
  first: [
    { kind: "motivation", at: "start", from: [1, 1, 1] },
    { kind: "culture-fit", at: "late", from: [5, 8, 3] },
    { kind: "motivation", at: "late", from: [9, NEVER, 6] },
    { kind: "culture-fit", at: "late", from: [NEVER, NEVER, 10] },
  ],
  second: [
    { kind: "revisit", at: "early", from: [2, 2, 3] },
    { kind: "motivation", at: "start", from: [3, 4, 2] },
    { kind: "practical", at: "end", from: [6, 6, 6] },
    { kind: "revisit", at: "early", from: [7, 7, 9] },
    { kind: "culture-fit", at: "late", from: [9, NEVER, 5] },
  ],
  final: [
    { kind: "motivation", at: "start", from: [2, 3, 1] },
    { kind: "culture-fit", at: "late", from: [3, 5, 2] },
    { kind: "practical", at: "end", from: [4, 4, 4] },
    { kind: "practical", at: "end", from: [8, 9, 7] },
    { kind: "revisit", at: "early", from: [9, 8, NEVER] },
    { kind: "culture-fit", at: "late", from: [11, NEVER, 7] },
    { kind: "motivation", at: "late", from: [NEVER, NEVER, 9] },
  ],
};

/** FNV-1a: a tiny, stable string hash to seed the PRNG from the session id. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) {
    hash = Math.imul(hash ^ seed.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small and good enough for shuffling; plans must be reproducible, so no Math.random. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/** The kind of each slot, in the order the interviewer asks them. */
function planSlots(options: InterviewOptions): SlotKind[] {
  const count = options.questionCount;
  const placed: Record<Placement, SlotKind[]> = { start: [], early: [], late: [], end: [] };
  let taken = 0;
  for (const rule of STAGE_RULES[options.stage]) {
    if (taken < count && rule.from[PERSONA_INDEX[options.persona]] <= count) {
      placed[rule.at].push(rule.kind);
      taken++;
    }
  }
  const middle: SlotKind[] = Array.from({ length: count - taken }, () => "behavioural");
  // Revisits follow the first fresh behavioural question, then every third, so they read as follow-ons.
  placed.early.forEach((kind, index) => {
    middle.splice(Math.min(middle.length, 1 + index * 3), 0, kind);
  });
  return [...placed.start, ...middle, ...placed.late, ...placed.end];
}

/**
 * Competencies for the behavioural and revisit slots, in order. Each round asks every focus
 * competency and then one of the others, so focus ones come first and most often while the rest
 * still get covered; nothing repeats before its group has been used up. Among the others, those
 * the candidate's story bank has no story for yet (storyGaps) come first: practising them is what
 * the bank is for.
 */
function competencySequence(
  options: InterviewOptions,
  count: number,
  random: () => number,
  storyGaps: readonly Competency[],
): Competency[] {
  const focus = shuffle([...new Set(options.focus)], random);
  const others = shuffle(
    CORE_COMPETENCIES.filter((c) => !focus.includes(c)),
    random,
  );
  // A head of department probes delivery under pressure first among the non-focus competencies.
  if (options.persona === "department-head" && others.includes("pressure")) {
    others.splice(others.indexOf("pressure"), 1);
    others.unshift("pressure");
  }
  // Stable: gaps move ahead, each group keeping the order above.
  others.sort((a, b) => Number(storyGaps.includes(b)) - Number(storyGaps.includes(a)));
  const sequence: Competency[] = [];
  for (let round = 0; sequence.length < count; round++) {
    sequence.push(...focus);
    const other = others[round % Math.max(others.length, 1)];
    if (other !== undefined) sequence.push(other);
  }
  return sequence.slice(0, count);
}

type Match = (entry: BankEntry) => boolean;

/** Behavioural and revisit questions are scored on a core competency, so they share one rotation. */
function isScoredOnCompetency(kind: SlotKind): boolean {
  return kind === "behavioural" || kind === "revisit";
}

/** Preferences for one slot, best first; later ones are fallbacks so a thin bank still fills the plan. */
function slotPreferences(kind: SlotKind, competency: Competency | undefined, preferStaple: boolean): Match[] {
  const ofKind: Match = (entry) => entry.kind === kind;
  if (competency === undefined) {
    const staples: Match[] = preferStaple ? [(entry) => ofKind(entry) && entry.staple] : [];
    return [...staples, ofKind, (entry) => entry.kind === "behavioural", () => true];
  }
  const onCompetency: Match = (entry) => entry.competency === competency;
  return [
    (entry) => ofKind(entry) && onCompetency(entry),
    (entry) => entry.kind === "behavioural" && onCompetency(entry),
    ofKind,
    (entry) => entry.kind === "behavioural",
    () => true,
  ];
}

function fillPlaceholders(value: string, options: InterviewOptions): string {
  // One pass, so a company or role name that itself contains "{role}" is left as typed.
  return value.replace(/\{(company|role)\}/g, (_match, name: string) =>
    name === "company" ? options.company : options.role,
  );
}

function toQuestion(entry: BankEntry, options: InterviewOptions): Question {
  return {
    id: entry.id,
    text: fillPlaceholders(entry.text, options),
    kind: entry.kind,
    competency: entry.competency,
    hint: fillPlaceholders(entry.hint, options),
    topicWords: [...entry.topicWords],
  };
}

/**
 * Choose the main questions for an interview from the bank: exactly options.questionCount of them,
 * only ones suited to the round, no duplicates, and the same plan for the same seed. The
 * community's extra questions (request.extraQuestions) are preferred over the shipped bank's.
 */
export function planQuestions(bank: QuestionBank, request: PlanQuestionsRequest): Question[] {
  const { options } = request;
  const random = mulberry32(hashSeed(request.seed));
  const fits = (entry: BankEntry) => entry.stages.includes(options.stage);
  // The community's own questions come first in the pool, so they are asked before shipped ones
  // that fit the same slot; one with a shipped question's id replaces it. None: the plan as before.
  const extras = request.extraQuestions ?? [];
  const replaced = new Set(extras.map((entry) => entry.id));
  const pool = [
    ...shuffle(extras.filter(fits), random),
    ...shuffle(
      bank.entries.filter((entry) => fits(entry) && !replaced.has(entry.id)),
      random,
    ),
  ];
  if (pool.length < options.questionCount) {
    const available = `${pool.length} questions for the ${options.stage} round`;
    throw new Error(`The question bank has only ${available}; cannot plan ${options.questionCount}`);
  }
  const slots = planSlots(options);
  const competencySlots = slots.filter(isScoredOnCompetency).length;
  const competencies = competencySequence(options, competencySlots, random, request.storyGaps ?? []);
  const used = new Set<string>();
  const kindsSeen = new Set<SlotKind>();
  return slots.map((kind) => {
    const competency = isScoredOnCompetency(kind) ? competencies.shift() : undefined;
    // Staples open their kind; salary and notice period are what a late round must always settle.
    const preferStaple = !kindsSeen.has(kind) || kind === "practical";
    const preferences = slotPreferences(kind, competency, preferStaple);
    kindsSeen.add(kind);
    const entry = pickEntry(pool, used, preferences);
    used.add(entry.id);
    return toQuestion(entry, options);
  });
}

/** The first unused entry (the pool is already shuffled) matching the earliest satisfiable preference. */
function pickEntry(pool: readonly BankEntry[], used: ReadonlySet<string>, preferences: Match[]): BankEntry {
  for (const matches of preferences) {
    const entry = pool.find((candidate) => !used.has(candidate.id) && matches(candidate));
    if (entry !== undefined) return entry;
  }
  // Unreachable: the pool holds at least questionCount entries and the last preference matches any.
  throw new Error("No unused question left in the bank");
}
